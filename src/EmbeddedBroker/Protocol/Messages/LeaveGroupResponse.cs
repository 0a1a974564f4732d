namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>LeaveGroup response: a top-level error, and from v3 one result per member.</summary>
internal sealed record LeaveGroupResponse(ErrorCode Error, IReadOnlyList<LeaveGroupResponse.MemberResult> Members) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        if (writer.Version >= 1)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteError(Error);
        if (writer.Version >= 3)
        {
            writer.WriteArray(Members, static (w, m) =>
            {
                w.WriteString(m.MemberId);
                w.WriteNullableString(m.GroupInstanceId);
                w.WriteError(m.Error);
            });
        }
    }

    internal sealed record MemberResult(string MemberId, string? GroupInstanceId, ErrorCode Error);
}
