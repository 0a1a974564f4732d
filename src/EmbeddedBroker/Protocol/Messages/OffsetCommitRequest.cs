namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>OffsetCommit request (key 8), v0–7.</summary>
internal sealed record OffsetCommitRequest(string GroupId, int GenerationId, string MemberId, IReadOnlyList<OffsetCommitRequest.TopicCommit> Topics)
{
    public static OffsetCommitRequest Read(ref KafkaReader reader)
    {
        var version = reader.Version;
        var groupId = reader.ReadString();
        var generation = version >= 1 ? reader.ReadInt32() : -1;
        var memberId = version >= 1 ? reader.ReadString() : string.Empty;
        if (version >= 7)
        {
            reader.ReadNullableString(); // group_instance_id
        }
        if (version is >= 2 and <= 4)
        {
            reader.ReadInt64(); // retention_time_ms: the broker's offsets retention applies
        }
        var topics = reader.ReadArray(static (ref KafkaReader r) => new TopicCommit(
            r.ReadString(),
            r.ReadArray(static (ref KafkaReader pr) =>
            {
                var index = pr.ReadInt32();
                var offset = pr.ReadInt64();
                var epoch = pr.Version >= 6 ? pr.ReadInt32() : -1;
                if (pr.Version == 1)
                {
                    pr.ReadInt64(); // commit_timestamp: the broker stamps commits itself
                }
                return new PartitionCommit(index, offset, epoch, pr.ReadNullableString());
            })));
        return new OffsetCommitRequest(groupId, generation, memberId, topics);
    }

    internal sealed record TopicCommit(string Name, IReadOnlyList<PartitionCommit> Partitions);

    internal sealed record PartitionCommit(int Index, long Offset, int LeaderEpoch, string? Metadata);
}
