namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>Fetch request (key 1), v4–11. Fetch sessions (v7+) are not kept: every request is a full fetch.</summary>
internal sealed record FetchRequest(int MaxWaitMs, int MinBytes, int MaxBytes, sbyte IsolationLevel, IReadOnlyList<FetchRequest.TopicFetch> Topics)
{
    public static FetchRequest Read(ref KafkaReader reader)
    {
        var version = reader.Version;
        reader.ReadInt32(); // replica_id: -1 for consumers
        var maxWait = reader.ReadInt32();
        var minBytes = reader.ReadInt32();
        var maxBytes = version >= 3 ? reader.ReadInt32() : int.MaxValue;
        var isolation = version >= 4 ? reader.ReadInt8() : (sbyte)0;
        if (version >= 7)
        {
            reader.ReadInt32(); // session_id
            reader.ReadInt32(); // session_epoch
        }
        var topics = reader.ReadArray(static (ref KafkaReader r) => new TopicFetch(
            r.ReadString(),
            r.ReadArray(static (ref KafkaReader pr) => PartitionFetch.Read(ref pr))));
        if (version >= 7)
        {
            reader.ReadArray(static (ref KafkaReader r) =>
            {
                r.ReadString();
                return r.ReadArray(static (ref KafkaReader pr) => pr.ReadInt32());
            }); // forgotten topics: nothing to forget without sessions
        }
        if (version >= 11)
        {
            reader.ReadString(); // rack_id
        }
        return new FetchRequest(maxWait, minBytes, maxBytes, isolation, topics);
    }

    internal sealed record TopicFetch(string Name, IReadOnlyList<PartitionFetch> Partitions);

    internal sealed record PartitionFetch(int Index, long FetchOffset, int MaxBytes)
    {
        public static PartitionFetch Read(ref KafkaReader reader)
        {
            var index = reader.ReadInt32();
            if (reader.Version >= 9)
            {
                reader.ReadInt32(); // current_leader_epoch
            }
            var offset = reader.ReadInt64();
            if (reader.Version >= 5)
            {
                reader.ReadInt64(); // log_start_offset (followers only)
            }
            return new PartitionFetch(index, offset, reader.ReadInt32());
        }
    }
}
