namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>A response that is only a throttle time (from <see cref="ThrottleFromVersion"/>) and an error code: Heartbeat.</summary>
internal sealed record ErrorOnlyResponse(ErrorCode Error, short ThrottleFromVersion) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        if (writer.Version >= ThrottleFromVersion)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteError(Error);
    }
}
