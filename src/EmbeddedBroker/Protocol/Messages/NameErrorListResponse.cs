namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>A list of (name, error) results: DeleteGroups (throttle from v0) and DeleteTopics (throttle from v1).</summary>
internal sealed record NameErrorListResponse(IReadOnlyList<(string Name, ErrorCode Error)> Results, short ThrottleFromVersion) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        if (writer.Version >= ThrottleFromVersion)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteArray(Results, static (w, r) =>
        {
            w.WriteString(r.Name);
            w.WriteError(r.Error);
        });
    }
}
