namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>SyncGroup response: this member's assignment bytes.</summary>
internal sealed record SyncGroupResponse(ErrorCode Error, ReadOnlyMemory<byte> Assignment) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        if (writer.Version >= 1)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteError(Error);
        writer.WriteBytes(Assignment.Span);
    }
}
