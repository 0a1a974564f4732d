using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>LeaveGroup (key 13), v0–3: removes members and starts a rebalance for the rest.</summary>
internal sealed class LeaveGroupHandler(BrokerState broker) : ApiHandler<LeaveGroupRequest>(ApiKey.LeaveGroup, 0, 3)
{
    protected override LeaveGroupRequest Read(ref KafkaReader reader) => LeaveGroupRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(LeaveGroupRequest request, RequestContext context)
    {
        var results = request.Members
            .Select(m => new LeaveGroupResponse.MemberResult(m.MemberId, m.GroupInstanceId, broker.Groups.Leave(request.GroupId, m.MemberId, m.GroupInstanceId)))
            .ToList();
        // Before v3 there is one member and its error is the response's error; from v3 errors are per member.
        var error = context.Version < 3 ? results[0].Error : ErrorCode.None;
        return Respond(new LeaveGroupResponse(error, results));
    }
}
