using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Contracts.WireFormat;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>
/// Serializes outputs and deserializes inputs in the Confluent Avro wire format, one serializer and deserializer per
/// event type, shared by every lane (they cache schema ids and are safe to use concurrently).
/// </summary>
internal sealed class EventCodec(ISchemaRegistryClient registry)
{
    private readonly ConcurrentDictionary<Type, object> _serializers = new();
    private readonly ConcurrentDictionary<Type, object> _deserializers = new();

    /// <summary>An output record for <paramref name="value"/>, keyed by <paramref name="key"/> (UTF-8), with the event time as the Kafka timestamp.</summary>
    public OutputRecord Output<T>(string topic, string key, T value, DateTimeOffset timestamp, Headers? headers = null) where T : class, IAvroEvent<T>
    {
        var serializer = (ISerializer<T>)_serializers.GetOrAdd(typeof(T), _ => new AvroSerializer<T>(registry));
        var bytes = serializer.Serialize(value, new SerializationContext(MessageComponentType.Value, topic));
        return new OutputRecord(topic, Encoding.UTF8.GetBytes(key), bytes, headers, timestamp);
    }

    /// <summary>Decodes a record's value; throws <see cref="Contracts.Avro.Binary.AvroDecodeException"/> when it is not valid <typeparamref name="T"/>.</summary>
    public T Decode<T>(SourceRecord record) where T : class, IAvroEvent<T>
    {
        var deserializer = (IDeserializer<T>)_deserializers.GetOrAdd(typeof(T), _ => new AvroDeserializer<T>(registry));
        return deserializer.Deserialize(record.Value ?? [], record.Value is null, new SerializationContext(MessageComponentType.Value, record.Topic, record.Headers));
    }
}
