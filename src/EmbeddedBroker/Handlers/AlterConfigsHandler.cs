using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>
/// AlterConfigs (key 33), v0–1: replaces a topic's config overrides (keys left out return to their defaults).
/// Broker settings are static: they come from configuration at start.
/// </summary>
internal sealed class AlterConfigsHandler(BrokerState broker) : ApiHandler<AlterConfigsRequest>(ApiKey.AlterConfigs, 0, 1)
{
    protected override AlterConfigsRequest Read(ref KafkaReader reader) => AlterConfigsRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(AlterConfigsRequest request, RequestContext context) =>
        Respond(new AlterConfigsResponse([.. request.Resources.Select(r =>
        {
            if (r.Type != ConfigResourceType.Topic)
            {
                return (ErrorCode.InvalidRequest, (string?)"broker settings are static: set them in appsettings.json, SENSORSTREAM_Broker__* or CLI flags", r.Type, r.Name);
            }
            var (error, message) = broker.Topics.AlterConfig(r.Name, r.Configs, replaceAll: true, request.ValidateOnly);
            return (error, message, r.Type, r.Name);
        })]));
}
