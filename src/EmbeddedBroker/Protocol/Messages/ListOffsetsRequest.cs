namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>ListOffsets request (key 2), v0–3: per partition a timestamp, or -1 (latest) / -2 (earliest).</summary>
internal sealed record ListOffsetsRequest(IReadOnlyList<ListOffsetsRequest.TopicQuery> Topics)
{
    public const long Latest = -1;
    public const long Earliest = -2;

    public static ListOffsetsRequest Read(ref KafkaReader reader)
    {
        reader.ReadInt32(); // replica_id
        if (reader.Version >= 2)
        {
            reader.ReadInt8(); // isolation_level: no transactions, both levels read the same
        }
        var topics = reader.ReadArray(static (ref KafkaReader r) => new TopicQuery(
            r.ReadString(),
            r.ReadArray(static (ref KafkaReader pr) =>
            {
                var index = pr.ReadInt32();
                var timestamp = pr.ReadInt64();
                if (pr.Version == 0)
                {
                    pr.ReadInt32(); // max_num_offsets: we answer one offset
                }
                return new PartitionQuery(index, timestamp);
            })));
        return new ListOffsetsRequest(topics);
    }

    internal sealed record TopicQuery(string Name, IReadOnlyList<PartitionQuery> Partitions);

    internal sealed record PartitionQuery(int Index, long Timestamp);
}
