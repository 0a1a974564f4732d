using SensorStream.Contracts.Avro.Binary;

namespace SensorStream.Contracts.Events;

/// <summary>Codecs for the <c>["null", T]</c> unions of the event schemas: branch 0 is null, branch 1 the value.</summary>
internal static class Optional
{
    public static void WriteDouble(ref AvroWriter writer, double? value)
    {
        if (value is { } v)
        {
            writer.WriteUnionIndex(1);
            writer.WriteDouble(v);
        }
        else
        {
            writer.WriteUnionIndex(0);
        }
    }

    public static double? ReadDouble(ref AvroReader reader) =>
        reader.ReadUnionIndex(2) == 0 ? null : reader.ReadDouble();

    public static void WriteDecimal(ref AvroWriter writer, decimal? value, int precision, int scale)
    {
        if (value is { } v)
        {
            writer.WriteUnionIndex(1);
            writer.WriteDecimal(v, precision, scale);
        }
        else
        {
            writer.WriteUnionIndex(0);
        }
    }

    public static decimal? ReadDecimal(ref AvroReader reader, int scale) =>
        reader.ReadUnionIndex(2) == 0 ? null : reader.ReadDecimal(scale);

    public static void WriteBytes(ref AvroWriter writer, byte[]? value)
    {
        if (value is not null)
        {
            writer.WriteUnionIndex(1);
            writer.WriteBytes(value);
        }
        else
        {
            writer.WriteUnionIndex(0);
        }
    }

    public static byte[]? ReadBytes(ref AvroReader reader) =>
        reader.ReadUnionIndex(2) == 0 ? null : reader.ReadBytes();

    public static void WriteTimestampMillis(ref AvroWriter writer, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            writer.WriteUnionIndex(1);
            writer.WriteTimestampMillis(v);
        }
        else
        {
            writer.WriteUnionIndex(0);
        }
    }

    public static DateTimeOffset? ReadTimestampMillis(ref AvroReader reader) =>
        reader.ReadUnionIndex(2) == 0 ? null : reader.ReadTimestampMillis();
}
