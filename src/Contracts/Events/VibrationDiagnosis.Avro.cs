using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Events;

public sealed partial record VibrationDiagnosis : IAvroEvent<VibrationDiagnosis>
{
    private const int FaultCount = 5;

    /// <inheritdoc/>
    public static AvroSchema Schema { get; } = EventSchemas.Load(nameof(VibrationDiagnosis));

    /// <inheritdoc/>
    public static void Encode(ref AvroWriter writer, VibrationDiagnosis value)
    {
        writer.WriteString(value.MachineId);
        writer.WriteString(value.SensorId);
        writer.WriteTimestampMicros(value.WindowStart);
        writer.WriteTimestampMicros(value.WindowEnd);
        writer.WriteEnum((uint)value.Fault < FaultCount ? (int)value.Fault : throw new AvroEncodeException($"{(int)value.Fault} is not a VibrationFault"));
        writer.WriteDouble(value.Confidence);
        writer.WriteDouble(value.RmsG);
        writer.WriteDouble(value.PeakG);
        Optional.WriteDouble(ref writer, value.DominantFrequencyHz);
        Optional.WriteDouble(ref writer, value.ShaftSpeedRpm);
        writer.WriteInt(value.BlockCount);
        Optional.WriteDouble(ref writer, value.CrestFactor);
        Optional.WriteDouble(ref writer, value.Kurtosis);
        Optional.WriteDouble(ref writer, value.AmplitudeHalfXG);
        Optional.WriteDouble(ref writer, value.Amplitude1xG);
        Optional.WriteDouble(ref writer, value.Amplitude2xG);
        Optional.WriteDouble(ref writer, value.Amplitude3xG);
        var drivers = value.Drivers ?? [];
        if (drivers.Count > 0)
        {
            writer.WriteBlockCount(drivers.Count);
            for (var i = 0; i < drivers.Count; i++)
            {
                writer.WriteString(drivers[i]);
            }
        }
        writer.WriteCollectionEnd();
    }

    /// <inheritdoc/>
    public static VibrationDiagnosis Decode(ref AvroReader reader) => new(
        reader.ReadString(),
        reader.ReadString(),
        reader.ReadTimestampMicros(),
        reader.ReadTimestampMicros(),
        (VibrationFault)reader.ReadEnum(FaultCount),
        reader.ReadDouble(),
        reader.ReadDouble(),
        reader.ReadDouble(),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        reader.ReadInt(),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        ReadDrivers(ref reader));

    private static List<string> ReadDrivers(ref AvroReader reader)
    {
        var drivers = new List<string>();
        // Each item is at least its one length byte.
        for (var count = reader.ReadBlockCount(1); count != 0; count = reader.ReadBlockCount(1))
        {
            for (var i = 0; i < count; i++)
            {
                drivers.Add(reader.ReadString());
            }
        }
        return drivers;
    }
}
