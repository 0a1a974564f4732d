namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>OffsetFetch request (key 9), v0–5. From v2 a null topic list asks for every committed partition.</summary>
internal sealed record OffsetFetchRequest(string GroupId, IReadOnlyList<OffsetFetchRequest.TopicQuery>? Topics)
{
    public static OffsetFetchRequest Read(ref KafkaReader reader) => new(
        reader.ReadString(),
        reader.ReadNullableArray(static (ref KafkaReader r) => new TopicQuery(r.ReadString(), r.ReadArray(static (ref KafkaReader pr) => pr.ReadInt32()))));

    internal sealed record TopicQuery(string Name, IReadOnlyList<int> Partitions);
}
