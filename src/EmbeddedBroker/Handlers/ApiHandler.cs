using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>Typed base for <see cref="IApiHandler"/>: subclasses deal with their own request type only.</summary>
internal abstract class ApiHandler<TRequest>(ApiKey key, short minVersion, short maxVersion, short firstFlexibleVersion = short.MaxValue)
    : IApiHandler where TRequest : class
{
    public ApiKey Key { get; } = key;

    public short MinVersion { get; } = minVersion;

    public short MaxVersion { get; } = maxVersion;

    public short FirstFlexibleVersion { get; } = firstFlexibleVersion;

    public object ReadRequest(ref KafkaReader reader) => Read(ref reader);

    public ValueTask<IResponse?> HandleAsync(object request, RequestContext context) => HandleAsync((TRequest)request, context);

    protected abstract TRequest Read(ref KafkaReader reader);

    protected abstract ValueTask<IResponse?> HandleAsync(TRequest request, RequestContext context);

    protected static ValueTask<IResponse?> Respond(IResponse response) => ValueTask.FromResult<IResponse?>(response);
}
