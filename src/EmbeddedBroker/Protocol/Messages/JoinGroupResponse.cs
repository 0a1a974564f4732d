using SensorStream.EmbeddedBroker.Groups;

namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>JoinGroup response: the generation, chosen protocol, leader, and (for the leader) every member.</summary>
internal sealed record JoinGroupResponse(JoinGroupResult Result) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        var version = writer.Version;
        if (version >= 2)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteError(Result.Error);
        writer.WriteInt32(Result.GenerationId);
        writer.WriteString(Result.ProtocolName ?? string.Empty);
        writer.WriteString(Result.LeaderId);
        writer.WriteString(Result.MemberId);
        writer.WriteArray(Result.Members, (w, m) =>
        {
            w.WriteString(m.MemberId);
            if (version >= 5)
            {
                w.WriteNullableString(m.GroupInstanceId);
            }
            w.WriteBytes(m.Metadata.Span);
        });
    }
}
