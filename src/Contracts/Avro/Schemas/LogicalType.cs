using System.Text.Json;

namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>A valid logical-type annotation on a schema.</summary>
public sealed class LogicalType
{
    private LogicalType(LogicalTypeKind kind, string name, int precision, int scale)
    {
        Kind = kind;
        Name = name;
        Precision = precision;
        Scale = scale;
    }

    /// <summary>Which logical type.</summary>
    public LogicalTypeKind Kind { get; }

    /// <summary>The name as written in the schema (e.g. <c>timestamp-micros</c>).</summary>
    public string Name { get; }

    /// <summary>Decimal only: the maximum number of digits; 0 for other kinds.</summary>
    public int Precision { get; }

    /// <summary>Decimal only: digits after the decimal point; 0 for other kinds.</summary>
    public int Scale { get; }

    /// <summary>
    /// Reads the logical type from a schema's properties; returns <see langword="null"/> when absent, unknown or invalid for the
    /// underlying type, which the specification says to ignore rather than reject.
    /// </summary>
    internal static LogicalType? FromProperties(AvroType type, int fixedSize, IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
    {
        var name = Find(properties, "logicalType") is { ValueKind: JsonValueKind.String } n ? n.GetString()! : null;
        return name switch
        {
            null => null,
            "decimal" => Decimal(type, fixedSize, properties),
            "uuid" => Simple(type == AvroType.String, LogicalTypeKind.Uuid, name),
            "date" => Simple(type == AvroType.Int, LogicalTypeKind.Date, name),
            "time-millis" => Simple(type == AvroType.Int, LogicalTypeKind.TimeMillis, name),
            "time-micros" => Simple(type == AvroType.Long, LogicalTypeKind.TimeMicros, name),
            "timestamp-millis" => Simple(type == AvroType.Long, LogicalTypeKind.TimestampMillis, name),
            "timestamp-micros" => Simple(type == AvroType.Long, LogicalTypeKind.TimestampMicros, name),
            "local-timestamp-millis" => Simple(type == AvroType.Long, LogicalTypeKind.LocalTimestampMillis, name),
            "local-timestamp-micros" => Simple(type == AvroType.Long, LogicalTypeKind.LocalTimestampMicros, name),
            "duration" => Simple(type == AvroType.Fixed && fixedSize == 12, LogicalTypeKind.Duration, name),
            _ => null,
        };
    }

    /// <summary>The largest decimal precision a fixed of <paramref name="size"/> bytes can hold (the specification's bound).</summary>
    internal static int MaxPrecisionForFixed(int size) =>
        size <= 0 ? 0 : (int)Math.Floor(Math.Log10(2) * ((8 * (double)size) - 1));

    private static LogicalType? Simple(bool valid, LogicalTypeKind kind, string name) =>
        valid ? new LogicalType(kind, name, 0, 0) : null;

    private static LogicalType? Decimal(AvroType type, int fixedSize, IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
    {
        if (type is not (AvroType.Bytes or AvroType.Fixed))
        {
            return null;
        }
        if (Find(properties, "precision") is not { ValueKind: JsonValueKind.Number } p || !p.TryGetInt32(out var precision) || precision <= 0)
        {
            return null;
        }
        var scale = 0;
        if (Find(properties, "scale") is { } s && (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out scale) || scale < 0))
        {
            return null;
        }
        if (scale > precision || (type == AvroType.Fixed && precision > MaxPrecisionForFixed(fixedSize)))
        {
            return null;
        }
        return new LogicalType(LogicalTypeKind.Decimal, "decimal", precision, scale);
    }

    private static JsonElement? Find(IReadOnlyList<KeyValuePair<string, JsonElement>> properties, string key)
    {
        foreach (var (k, v) in properties)
        {
            if (k == key)
            {
                return v;
            }
        }
        return null;
    }
}
