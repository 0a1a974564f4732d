namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>ListGroups response (key 16, v0–2; the request has no body): every group and its protocol type.</summary>
internal sealed record ListGroupsResponse(IReadOnlyList<(string GroupId, string ProtocolType)> Groups) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        if (writer.Version >= 1)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteError(ErrorCode.None);
        writer.WriteArray(Groups, static (w, g) =>
        {
            w.WriteString(g.GroupId);
            w.WriteString(g.ProtocolType);
        });
    }
}
