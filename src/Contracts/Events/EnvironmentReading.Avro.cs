using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Events;

public sealed partial record EnvironmentReading : IAvroEvent<EnvironmentReading>
{
    /// <inheritdoc/>
    public static AvroSchema Schema { get; } = EventSchemas.Load(nameof(EnvironmentReading));

    /// <inheritdoc/>
    public static void Encode(ref AvroWriter writer, EnvironmentReading value)
    {
        writer.WriteString(value.SensorId);
        writer.WriteString(value.LocId);
        writer.WriteTimestampMicros(value.EventTime);
        writer.WriteDouble(value.TemperatureC);
        writer.WriteDouble(value.HumidityPct);
        Optional.WriteDouble(ref writer, value.PerceivedTemperatureC);
    }

    /// <inheritdoc/>
    public static EnvironmentReading Decode(ref AvroReader reader) => new(
        reader.ReadString(),
        reader.ReadString(),
        reader.ReadTimestampMicros(),
        reader.ReadDouble(),
        reader.ReadDouble(),
        Optional.ReadDouble(ref reader));
}
