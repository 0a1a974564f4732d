using SensorStream.EmbeddedBroker.Groups;
using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>JoinGroup (key 11), v0–5: waits until the group's next generation forms (see <see cref="ConsumerGroup"/>).</summary>
internal sealed class JoinGroupHandler(BrokerState broker) : ApiHandler<JoinGroupRequest>(ApiKey.JoinGroup, 0, 5)
{
    protected override JoinGroupRequest Read(ref KafkaReader reader) => JoinGroupRequest.Read(ref reader);

    protected override async ValueTask<IResponse?> HandleAsync(JoinGroupRequest request, RequestContext context)
    {
        var result = await broker.Groups.JoinAsync(new JoinGroupArgs(request.GroupId, request.MemberId, request.GroupInstanceId,
            request.ProtocolType, request.Protocols, request.SessionTimeoutMs, request.RebalanceTimeoutMs, context.ClientId, context.ClientHost))
            .WaitAsync(context.Aborted).ConfigureAwait(false);
        return new JoinGroupResponse(result);
    }
}
