namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>LeaveGroup request (key 13), v0–3. Before v3 one member id; from v3 a list of members.</summary>
internal sealed record LeaveGroupRequest(string GroupId, IReadOnlyList<LeaveGroupRequest.Member> Members)
{
    public static LeaveGroupRequest Read(ref KafkaReader reader)
    {
        var groupId = reader.ReadString();
        if (reader.Version < 3)
        {
            return new LeaveGroupRequest(groupId, [new Member(reader.ReadString(), null)]);
        }
        return new LeaveGroupRequest(groupId, reader.ReadArray(static (ref KafkaReader r) => new Member(r.ReadString(), r.ReadNullableString())));
    }

    internal sealed record Member(string MemberId, string? GroupInstanceId);
}
