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
        reader.ReadInt());
}
