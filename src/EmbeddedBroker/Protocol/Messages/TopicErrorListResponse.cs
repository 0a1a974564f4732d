namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>
/// Per-topic (name, error, message) results: CreateTopics (throttle from v2, message from v1) and
/// CreatePartitions (both from v0).
/// </summary>
internal sealed record TopicErrorListResponse(IReadOnlyList<(string Name, ErrorCode Error, string? Message)> Results,
    short ThrottleFromVersion, short MessageFromVersion) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        var version = writer.Version;
        if (version >= ThrottleFromVersion)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteArray(Results, (w, r) =>
        {
            w.WriteString(r.Name);
            w.WriteError(r.Error);
            if (version >= MessageFromVersion)
            {
                w.WriteNullableString(r.Message);
            }
        });
    }
}
