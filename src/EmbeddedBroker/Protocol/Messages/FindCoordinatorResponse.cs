namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>FindCoordinator response: the node to send group requests to (always this one).</summary>
internal sealed record FindCoordinatorResponse(ErrorCode Error, string? ErrorMessage, int NodeId, string Host, int Port) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        if (writer.Version >= 1)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteError(Error);
        if (writer.Version >= 1)
        {
            writer.WriteNullableString(ErrorMessage);
        }
        writer.WriteInt32(NodeId);
        writer.WriteString(Host);
        writer.WriteInt32(Port);
    }
}
