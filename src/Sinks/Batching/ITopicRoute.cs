using Confluent.Kafka;

namespace SensorStream.Sinks.Batching;

/// <summary>Turns the records of one topic into rows of its table's batch.</summary>
internal interface ITopicRoute
{
    /// <summary>Decodes <paramref name="record"/> and adds its row; returns why it cannot be stored, or null when it was added.</summary>
    /// <exception cref="Contracts.Avro.Binary.AvroDecodeException">The value is not a valid encoding of the topic's event.</exception>
    string? Add(ConsumeResult<byte[]?, byte[]?> record);
}
