using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Events;

public sealed partial record WindowAggregate : IAvroEvent<WindowAggregate>
{
    private const int StatusCount = 4;

    /// <inheritdoc/>
    public static AvroSchema Schema { get; } = EventSchemas.Load(nameof(WindowAggregate));

    /// <inheritdoc/>
    public static void Encode(ref AvroWriter writer, WindowAggregate value)
    {
        writer.WriteString(value.EntityId);
        writer.WriteString(value.Metric);
        writer.WriteTimestampMicros(value.WindowStart);
        writer.WriteTimestampMicros(value.WindowEnd);
        writer.WriteLong(value.Count);
        writer.WriteDouble(value.Min);
        writer.WriteDouble(value.Max);
        writer.WriteDouble(value.Avg);
        writer.WriteLong(value.LateCount);
        writer.WriteString(value.EntityType);
        Optional.WriteDouble(ref writer, value.Rms);
        writer.WriteEnum((uint)value.Status < StatusCount ? (int)value.Status : throw new AvroEncodeException($"{(int)value.Status} is not a StatusLevel"));
    }

    /// <inheritdoc/>
    public static WindowAggregate Decode(ref AvroReader reader) => new(
        reader.ReadString(),
        reader.ReadString(),
        reader.ReadTimestampMicros(),
        reader.ReadTimestampMicros(),
        reader.ReadLong(),
        reader.ReadDouble(),
        reader.ReadDouble(),
        reader.ReadDouble(),
        reader.ReadLong(),
        reader.ReadString(),
        Optional.ReadDouble(ref reader),
        (StatusLevel)reader.ReadEnum(StatusCount));
}
