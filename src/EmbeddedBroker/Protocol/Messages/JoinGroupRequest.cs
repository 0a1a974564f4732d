using SensorStream.EmbeddedBroker.Groups;

namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>JoinGroup request (key 11), v0–5. v0 has no rebalance timeout: it equals the session timeout.</summary>
internal sealed record JoinGroupRequest(
    string GroupId,
    int SessionTimeoutMs,
    int RebalanceTimeoutMs,
    string MemberId,
    string? GroupInstanceId,
    string ProtocolType,
    IReadOnlyList<GroupProtocol> Protocols)
{
    public static JoinGroupRequest Read(ref KafkaReader reader)
    {
        var groupId = reader.ReadString();
        var sessionTimeout = reader.ReadInt32();
        var rebalanceTimeout = reader.Version >= 1 ? reader.ReadInt32() : sessionTimeout;
        var memberId = reader.ReadString();
        var instanceId = reader.Version >= 5 ? reader.ReadNullableString() : null;
        var protocolType = reader.ReadString();
        var protocols = reader.ReadArray(static (ref KafkaReader r) => new GroupProtocol(r.ReadString(), r.ReadBytes().ToArray()));
        return new JoinGroupRequest(groupId, sessionTimeout, rebalanceTimeout, memberId, instanceId, protocolType, protocols);
    }
}
