using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Events;

public sealed partial record DeadLetter : IAvroEvent<DeadLetter>
{
    /// <inheritdoc/>
    public static AvroSchema Schema { get; } = EventSchemas.Load(nameof(DeadLetter));

    /// <inheritdoc/>
    public static void Encode(ref AvroWriter writer, DeadLetter value)
    {
        writer.WriteString(value.SourceTopic);
        writer.WriteInt(value.SourcePartition);
        writer.WriteLong(value.SourceOffset);
        Optional.WriteTimestampMillis(ref writer, value.SourceTimestamp);
        Optional.WriteBytes(ref writer, value.Key);
        Optional.WriteBytes(ref writer, value.Value);
        var headers = value.Headers ?? throw new ArgumentNullException(nameof(value), "Headers is null");
        if (headers.Count > 0)
        {
            writer.WriteBlockCount(headers.Count);
            // Indexing, not foreach: an interface enumerator would be an allocation per message.
            for (var i = 0; i < headers.Count; i++)
            {
                writer.WriteString(headers[i].Key);
                Optional.WriteBytes(ref writer, headers[i].Value);
            }
        }
        writer.WriteCollectionEnd();
        writer.WriteString(value.ErrorReason);
        writer.WriteString(value.ErrorMessage);
        writer.WriteString(value.Processor);
        writer.WriteTimestampMicros(value.FailedAt);
    }

    /// <inheritdoc/>
    public static DeadLetter Decode(ref AvroReader reader)
    {
        var topic = reader.ReadString();
        var partition = reader.ReadInt();
        var offset = reader.ReadLong();
        var timestamp = Optional.ReadTimestampMillis(ref reader);
        var key = Optional.ReadBytes(ref reader);
        var value = Optional.ReadBytes(ref reader);
        var headers = new List<DeadLetterHeader>();
        // A header is at least a key length byte and a union index byte.
        for (var count = reader.ReadBlockCount(2); count != 0; count = reader.ReadBlockCount(2))
        {
            headers.EnsureCapacity(headers.Count + count);
            for (var i = 0; i < count; i++)
            {
                var headerKey = reader.ReadString();
                headers.Add(new DeadLetterHeader(headerKey, Optional.ReadBytes(ref reader)));
            }
        }
        return new(topic, partition, offset, timestamp, key, value, headers,
            reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadTimestampMicros());
    }
}
