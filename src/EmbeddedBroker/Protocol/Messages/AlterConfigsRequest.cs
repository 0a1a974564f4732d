namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>AlterConfigs request (key 33), v0–1: replace a resource's whole config set.</summary>
internal sealed record AlterConfigsRequest(IReadOnlyList<AlterConfigsRequest.Resource> Resources, bool ValidateOnly)
{
    public static AlterConfigsRequest Read(ref KafkaReader reader)
    {
        var resources = reader.ReadArray(static (ref KafkaReader r) => new Resource(
            (ConfigResourceType)r.ReadInt8(),
            r.ReadString(),
            r.ReadArray(static (ref KafkaReader cr) => KeyValuePair.Create(cr.ReadString(), cr.ReadNullableString()))));
        return new AlterConfigsRequest(resources, reader.ReadBool());
    }

    internal sealed record Resource(ConfigResourceType Type, string Name, IReadOnlyList<KeyValuePair<string, string?>> Configs);
}
