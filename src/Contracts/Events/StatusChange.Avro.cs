using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Events;

public sealed partial record StatusChange : IAvroEvent<StatusChange>
{
    private const int LevelCount = 4;

    /// <inheritdoc/>
    public static AvroSchema Schema { get; } = EventSchemas.Load(nameof(StatusChange));

    /// <inheritdoc/>
    public static void Encode(ref AvroWriter writer, StatusChange value)
    {
        writer.WriteString(value.EntityId);
        writer.WriteString(value.SensorType);
        writer.WriteString(value.Metric);
        writer.WriteTimestampMicros(value.EventTime);
        if (value.PreviousLevel is { } previous)
        {
            writer.WriteUnionIndex(1);
            writer.WriteEnum(Checked(previous));
        }
        else
        {
            writer.WriteUnionIndex(0);
        }
        writer.WriteEnum(Checked(value.Level));
        writer.WriteDouble(value.Value);
        Optional.WriteDouble(ref writer, value.Threshold);
    }

    /// <inheritdoc/>
    public static StatusChange Decode(ref AvroReader reader) => new(
        reader.ReadString(),
        reader.ReadString(),
        reader.ReadString(),
        reader.ReadTimestampMicros(),
        reader.ReadUnionIndex(2) == 0 ? null : (StatusLevel)reader.ReadEnum(LevelCount),
        (StatusLevel)reader.ReadEnum(LevelCount),
        reader.ReadDouble(),
        Optional.ReadDouble(ref reader));

    private static int Checked(StatusLevel level) =>
        (uint)level < LevelCount ? (int)level : throw new AvroEncodeException($"{(int)level} is not a StatusLevel");
}
