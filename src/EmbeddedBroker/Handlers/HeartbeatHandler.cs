using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>Heartbeat (key 12), v0–3: keeps a member alive; REBALANCE_IN_PROGRESS tells it to rejoin.</summary>
internal sealed class HeartbeatHandler(BrokerState broker) : ApiHandler<HeartbeatRequest>(ApiKey.Heartbeat, 0, 3)
{
    protected override HeartbeatRequest Read(ref KafkaReader reader) => HeartbeatRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(HeartbeatRequest request, RequestContext context) =>
        Respond(new ErrorOnlyResponse(broker.Groups.Heartbeat(request.GroupId, request.MemberId, request.GenerationId), ThrottleFromVersion: 1));
}
