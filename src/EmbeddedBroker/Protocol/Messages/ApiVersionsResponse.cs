namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>ApiVersions response: the version range of every API the broker implements.</summary>
internal sealed record ApiVersionsResponse(ErrorCode Error, IReadOnlyList<ApiVersionsResponse.ApiRange> Apis) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        writer.WriteError(Error);
        writer.WriteArray(Apis, static (w, api) =>
        {
            w.WriteInt16(api.ApiKey);
            w.WriteInt16(api.MinVersion);
            w.WriteInt16(api.MaxVersion);
            w.WriteTaggedFields();
        });
        if (writer.Version >= 1)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteTaggedFields();
    }

    internal sealed record ApiRange(short ApiKey, short MinVersion, short MaxVersion);
}
