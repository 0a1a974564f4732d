namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>ApiVersions request (key 18), v0–3. v3 carries the client's software name and version.</summary>
internal sealed record ApiVersionsRequest(string? ClientSoftwareName, string? ClientSoftwareVersion)
{
    public static ApiVersionsRequest Read(ref KafkaReader reader)
    {
        if (reader.Version < 3)
        {
            return new ApiVersionsRequest(null, null);
        }
        var request = new ApiVersionsRequest(reader.ReadString(), reader.ReadString());
        reader.SkipTaggedFields();
        return request;
    }
}
