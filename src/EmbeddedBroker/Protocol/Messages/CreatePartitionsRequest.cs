namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>CreatePartitions request (key 37), v0–1: raise topics' partition counts.</summary>
internal sealed record CreatePartitionsRequest(IReadOnlyList<(string Name, int Count)> Topics, bool ValidateOnly)
{
    public static CreatePartitionsRequest Read(ref KafkaReader reader)
    {
        var topics = reader.ReadArray(static (ref KafkaReader r) =>
        {
            var name = r.ReadString();
            var count = r.ReadInt32();
            r.ReadNullableArray(static (ref KafkaReader ar) => ar.ReadArray(static (ref KafkaReader br) => br.ReadInt32())); // assignments: one node
            return (name, count);
        });
        reader.ReadInt32(); // timeout_ms
        return new CreatePartitionsRequest(topics, reader.ReadBool());
    }
}
