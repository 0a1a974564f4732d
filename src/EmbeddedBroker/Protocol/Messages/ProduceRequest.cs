namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>Produce request (key 0), v3–7 (record batch v2 only). Records stay slices of the request buffer.</summary>
internal sealed record ProduceRequest(string? TransactionalId, short Acks, int TimeoutMs, IReadOnlyList<ProduceRequest.TopicData> Topics)
{
    public static ProduceRequest Read(ref KafkaReader reader)
    {
        var transactionalId = reader.ReadNullableString();
        var acks = reader.ReadInt16();
        var timeout = reader.ReadInt32();
        var topics = reader.ReadArray(static (ref KafkaReader r) => new TopicData(
            r.ReadString(),
            r.ReadArray(static (ref KafkaReader pr) => new PartitionData(pr.ReadInt32(), pr.ReadNullableBytes()))));
        return new ProduceRequest(transactionalId, acks, timeout, topics);
    }

    internal sealed record TopicData(string Name, IReadOnlyList<PartitionData> Partitions);

    internal sealed record PartitionData(int Index, ReadOnlyMemory<byte>? Records);
}
