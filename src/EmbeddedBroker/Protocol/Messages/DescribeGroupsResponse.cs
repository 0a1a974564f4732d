namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>DescribeGroups response: state, protocol and members (with metadata and assignment) per group.</summary>
internal sealed record DescribeGroupsResponse(IReadOnlyList<DescribeGroupsResponse.GroupDescription> Groups) : IResponse
{
    /// <summary>Every operation allowed (no ACLs): Kafka's bit set for a group's operations.</summary>
    private const int AllGroupOperations = 0x1A8;

    public void Write(KafkaWriter writer)
    {
        var version = writer.Version;
        if (version >= 1)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteArray(Groups, (w, g) =>
        {
            w.WriteError(g.Error);
            w.WriteString(g.GroupId);
            w.WriteString(g.State);
            w.WriteString(g.ProtocolType);
            w.WriteString(g.Protocol);
            w.WriteArray(g.Members, (mw, m) =>
            {
                mw.WriteString(m.MemberId);
                if (version >= 4)
                {
                    mw.WriteNullableString(m.GroupInstanceId);
                }
                mw.WriteString(m.ClientId);
                mw.WriteString(m.ClientHost);
                mw.WriteBytes(m.Metadata.Span);
                mw.WriteBytes(m.Assignment.Span);
            });
            if (version >= 3)
            {
                w.WriteInt32(AllGroupOperations);
            }
        });
    }

    internal sealed record GroupDescription(ErrorCode Error, string GroupId, string State, string ProtocolType, string Protocol, IReadOnlyList<MemberDescription> Members);

    internal sealed record MemberDescription(string MemberId, string? GroupInstanceId, string ClientId, string ClientHost, ReadOnlyMemory<byte> Metadata, ReadOnlyMemory<byte> Assignment);
}
