namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>SyncGroup request (key 14), v0–3: the leader sends every member's assignment; followers send none.</summary>
internal sealed record SyncGroupRequest(string GroupId, int GenerationId, string MemberId, string? GroupInstanceId,
    IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Assignments)
{
    public static SyncGroupRequest Read(ref KafkaReader reader)
    {
        var groupId = reader.ReadString();
        var generation = reader.ReadInt32();
        var memberId = reader.ReadString();
        var instanceId = reader.Version >= 3 ? reader.ReadNullableString() : null;
        var assignments = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var (member, assignment) in reader.ReadArray(static (ref KafkaReader r) => (r.ReadString(), r.ReadBytes().ToArray())))
        {
            assignments[member] = assignment;
        }
        return new SyncGroupRequest(groupId, generation, memberId, instanceId, assignments);
    }
}
