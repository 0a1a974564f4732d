namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>InitProducerId response: the producer id and epoch to stamp on batches.</summary>
internal sealed record InitProducerIdResponse(ErrorCode Error, long ProducerId, short ProducerEpoch) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        writer.WriteInt32(0); // throttle_time_ms
        writer.WriteError(Error);
        writer.WriteInt64(ProducerId);
        writer.WriteInt16(ProducerEpoch);
    }
}
