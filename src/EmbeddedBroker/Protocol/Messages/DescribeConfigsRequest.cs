namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>DescribeConfigs request (key 32), v0–2: resources and, optionally, which keys to return.</summary>
internal sealed record DescribeConfigsRequest(IReadOnlyList<DescribeConfigsRequest.Resource> Resources, bool IncludeSynonyms)
{
    public static DescribeConfigsRequest Read(ref KafkaReader reader)
    {
        var resources = reader.ReadArray(static (ref KafkaReader r) => new Resource(
            (ConfigResourceType)r.ReadInt8(),
            r.ReadString(),
            r.ReadNullableArray(static (ref KafkaReader kr) => kr.ReadString())));
        var synonyms = reader.Version >= 1 && reader.ReadBool();
        return new DescribeConfigsRequest(resources, synonyms);
    }

    internal sealed record Resource(ConfigResourceType Type, string Name, IReadOnlyList<string>? Keys);
}
