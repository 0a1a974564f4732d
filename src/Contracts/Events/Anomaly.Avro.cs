using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Events;

public sealed partial record Anomaly : IAvroEvent<Anomaly>
{
    private const int KindCount = 6;

    /// <inheritdoc/>
    public static AvroSchema Schema { get; } = EventSchemas.Load(nameof(Anomaly));

    /// <inheritdoc/>
    public static void Encode(ref AvroWriter writer, Anomaly value)
    {
        writer.WriteUuid(value.AnomalyId);
        writer.WriteString(value.SourceTopic);
        writer.WriteString(value.EntityId);
        writer.WriteTimestampMicros(value.EventTime);
        writer.WriteEnum((uint)value.Kind < KindCount ? (int)value.Kind : throw new AvroEncodeException($"{(int)value.Kind} is not an AnomalyKind"));
        writer.WriteString(value.Field);
        Optional.WriteDouble(ref writer, value.ObservedValue);
        Optional.WriteDouble(ref writer, value.ExpectedValue);
        writer.WriteDouble(value.Score);
        var details = value.Details ?? throw new ArgumentNullException(nameof(value), "Details is null");
        if (details.Count > 0)
        {
            writer.WriteBlockCount(details.Count);
            // Dictionary's struct enumerator avoids the boxed one an interface foreach would allocate per message.
            if (details is Dictionary<string, string> dictionary)
            {
                foreach (var (key, text) in dictionary)
                {
                    writer.WriteString(key);
                    writer.WriteString(text);
                }
            }
            else
            {
                foreach (var (key, text) in details)
                {
                    writer.WriteString(key);
                    writer.WriteString(text);
                }
            }
        }
        writer.WriteCollectionEnd();
    }

    /// <inheritdoc/>
    public static Anomaly Decode(ref AvroReader reader)
    {
        var id = reader.ReadUuid();
        var sourceTopic = reader.ReadString();
        var entityId = reader.ReadString();
        var eventTime = reader.ReadTimestampMicros();
        var kind = (AnomalyKind)reader.ReadEnum(KindCount);
        var field = reader.ReadString();
        var observed = Optional.ReadDouble(ref reader);
        var expected = Optional.ReadDouble(ref reader);
        var score = reader.ReadDouble();
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        // Each entry is at least two length bytes (key and value).
        for (var count = reader.ReadBlockCount(2); count != 0; count = reader.ReadBlockCount(2))
        {
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                details[key] = reader.ReadString();
            }
        }
        return new(id, sourceTopic, entityId, eventTime, kind, field, observed, expected, score, details);
    }
}
