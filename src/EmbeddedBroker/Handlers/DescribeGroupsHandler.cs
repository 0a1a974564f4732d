using SensorStream.EmbeddedBroker.Groups;
using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>DescribeGroups (key 15), v0–4. Unknown groups are reported as <c>Dead</c> with no error, as Kafka does.</summary>
internal sealed class DescribeGroupsHandler(BrokerState broker) : ApiHandler<DescribeGroupsRequest>(ApiKey.DescribeGroups, 0, 4)
{
    protected override DescribeGroupsRequest Read(ref KafkaReader reader) => DescribeGroupsRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(DescribeGroupsRequest request, RequestContext context) =>
        Respond(new DescribeGroupsResponse([.. request.Groups.Select(Describe)]));

    private DescribeGroupsResponse.GroupDescription Describe(string groupId)
    {
        var group = broker.Groups.Find(groupId);
        if (group is null)
        {
            var state = broker.Groups.Offsets.HasOffsets(groupId) ? GroupState.Empty : GroupState.Dead;
            return new(ErrorCode.None, groupId, state.ToString(), string.Empty, string.Empty, []);
        }
        lock (group.Lock)
        {
            var stable = group.State == GroupState.Stable;
            var members = group.Members.Select(m => new DescribeGroupsResponse.MemberDescription(
                m.MemberId, m.GroupInstanceId, m.ClientId, m.ClientHost,
                stable ? m.MetadataFor(group.ProtocolName) : ReadOnlyMemory<byte>.Empty,
                stable ? m.Assignment : ReadOnlyMemory<byte>.Empty)).ToList();
            return new(ErrorCode.None, groupId, group.State.ToString(), group.ProtocolType ?? string.Empty,
                stable ? group.ProtocolName ?? string.Empty : string.Empty, members);
        }
    }
}
