using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>
/// ApiVersions (key 18), v0–3: advertises exactly the versions the registered handlers implement. The
/// dispatcher answers versions above 3 itself with UNSUPPORTED_VERSION and this same table.
/// </summary>
internal sealed class ApiVersionsHandler(Func<IReadOnlyCollection<IApiHandler>> handlers)
    : ApiHandler<ApiVersionsRequest>(ApiKey.ApiVersions, 0, 3, firstFlexibleVersion: 3)
{
    public ApiVersionsResponse Table(ErrorCode error) => new(error,
        [.. handlers().OrderBy(h => h.Key).Select(h => new ApiVersionsResponse.ApiRange((short)h.Key, h.MinVersion, h.MaxVersion))]);

    protected override ApiVersionsRequest Read(ref KafkaReader reader) => ApiVersionsRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(ApiVersionsRequest request, RequestContext context) => Respond(Table(ErrorCode.None));
}
