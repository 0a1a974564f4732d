using Confluent.Kafka;
using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Batching;

/// <summary>A data topic: every record is one event, checked and added to one table's batch; a null value is refused.</summary>
internal sealed class EventRoute<T>(IDeserializer<T> deserializer, Func<T, string?> problem, TableBatch<T> batch) : ITopicRoute
    where T : class, IAvroEvent<T>
{
    public string? Add(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (record.Message.Value is not { } bytes)
        {
            return "null value (a tombstone) on a data topic";
        }
        var value = deserializer.Deserialize(bytes, false, new SerializationContext(MessageComponentType.Value, record.Topic, record.Message.Headers));
        if (problem(value) is { } reason)
        {
            return reason;
        }
        batch.Add(value);
        return null;
    }
}
