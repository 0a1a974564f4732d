namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>InitProducerId request (key 22), v0–1: an idempotent producer asks for its id (no transactional id).</summary>
internal sealed record InitProducerIdRequest(string? TransactionalId, int TransactionTimeoutMs)
{
    public static InitProducerIdRequest Read(ref KafkaReader reader) => new(reader.ReadNullableString(), reader.ReadInt32());
}
