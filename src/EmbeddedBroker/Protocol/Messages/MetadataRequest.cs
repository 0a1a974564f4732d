namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>Metadata request (key 3), v0–6. <see cref="Topics"/> null means every topic.</summary>
internal sealed record MetadataRequest(IReadOnlyList<string>? Topics, bool AllowAutoTopicCreation)
{
    public static MetadataRequest Read(ref KafkaReader reader)
    {
        var topics = reader.ReadNullableArray(static (ref KafkaReader r) => r.ReadString());
        // v0 has no null array: an empty list asks for every topic. From v1 an empty list asks for none.
        if (reader.Version == 0 && topics is { Length: 0 })
        {
            topics = null;
        }
        var allowAutoCreate = reader.Version < 4 || reader.ReadBool();
        return new MetadataRequest(topics, allowAutoCreate);
    }
}
