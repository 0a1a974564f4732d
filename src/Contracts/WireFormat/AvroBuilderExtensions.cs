using Confluent.Kafka;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.Contracts.WireFormat;

/// <summary>
/// One-call wiring of the Avro serializers into Confluent.Kafka builders. The serializers implement both the
/// synchronous and asynchronous interfaces, which makes a bare <c>SetValueSerializer(new AvroSerializer…)</c>
/// ambiguous in C#; these pick the synchronous one (the schema id is cached after the first message, so no
/// call blocks on the registry after that).
/// </summary>
public static class AvroBuilderExtensions
{
    /// <summary>Serializes values as <typeparamref name="TValue"/> Avro in the Confluent wire format, registering the schema when configured.</summary>
    public static ProducerBuilder<TKey, TValue> SetAvroValueSerializer<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder,
        ISchemaRegistryClient registry, AvroSerializerConfig? config = null)
        where TValue : class, IAvroEvent<TValue> =>
        builder.SetValueSerializer((ISerializer<TValue>)new AvroSerializer<TValue>(registry, config));

    /// <summary>Deserializes Confluent wire-format Avro values into <typeparamref name="TValue"/>, resolving older or newer writer schemas.</summary>
    public static ConsumerBuilder<TKey, TValue> SetAvroValueDeserializer<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder, ISchemaRegistryClient registry)
        where TValue : class, IAvroEvent<TValue> =>
        builder.SetValueDeserializer((IDeserializer<TValue>)new AvroDeserializer<TValue>(registry));
}
