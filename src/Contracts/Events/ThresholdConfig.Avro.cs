using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Events;

public sealed partial record ThresholdConfig : IAvroEvent<ThresholdConfig>
{
    /// <inheritdoc/>
    public static AvroSchema Schema { get; } = EventSchemas.Load(nameof(ThresholdConfig));

    /// <inheritdoc/>
    public static void Encode(ref AvroWriter writer, ThresholdConfig value)
    {
        writer.WriteString(value.SensorType);
        writer.WriteString(value.Metric);
        writer.WriteString(value.Unit);
        Optional.WriteDouble(ref writer, value.WarningAbove);
        Optional.WriteDouble(ref writer, value.CriticalAbove);
        Optional.WriteDouble(ref writer, value.WarningBelow);
        Optional.WriteDouble(ref writer, value.CriticalBelow);
        writer.WriteTimestampMicros(value.UpdatedAt);
    }

    /// <inheritdoc/>
    public static ThresholdConfig Decode(ref AvroReader reader) => new(
        reader.ReadString(),
        reader.ReadString(),
        reader.ReadString(),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        reader.ReadTimestampMicros());
}
