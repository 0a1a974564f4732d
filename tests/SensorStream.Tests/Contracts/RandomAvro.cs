using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Tests.Contracts;

/// <summary>
/// Seeded random schemas and values covering every Avro type and logical type, edge values included. Unions only combine
/// branches a value's own type tells apart: Python's writer picks the last branch a value validates against, and in
/// Python a bool is an int and an int is a float, so float comes before int before boolean, and int/long or string/enum
/// never share a union.
/// </summary>
internal sealed class RandomAvro(int seed)
{
    private static readonly string[] Logicals =
        ["date", "time-millis", "time-micros", "timestamp-millis", "timestamp-micros", "local-timestamp-millis", "local-timestamp-micros", "uuid", "decimal", "decimal-fixed"];

    private readonly Random _random = new(seed);
    private int _names;

    public int Seed { get; } = seed;

    /// <summary>A random schema as JSON (record at the top, so there is always something named to reference).</summary>
    public JsonNode SchemaJson(int maxDepth = 3) => Record(0, maxDepth, "sensorstream.random");

    public object? Datum(AvroSchema schema, int depth = 0)
    {
        switch (schema)
        {
            case RecordSchema record:
                var generic = new GenericRecord(record);
                foreach (var field in record.Fields)
                {
                    generic[field.Position] = Datum(field.Schema, depth + 1);
                }
                return generic;
            case EnumSchema e:
                return new GenericEnum(e, e.Symbols[_random.Next(e.Symbols.Count)]);
            case FixedSchema f when f.LogicalType is { Kind: LogicalTypeKind.Decimal } logical:
                return Decimal(logical);
            case FixedSchema f:
                return new GenericFixed(f, Bytes(f.Size));
            case ArraySchema a:
                return Enumerable.Range(0, _random.Next(depth > 3 ? 1 : 4)).Select(_ => Datum(a.Items, depth + 1)).ToList();
            case MapSchema m:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = _random.Next(depth > 3 ? 1 : 4); i > 0; i--)
                {
                    // Letters first: JavaScript would reorder integer-like keys, changing the encoded order.
                    map[$"k{_random.Next(1000)}{Text(3)}"] = Datum(m.Values, depth + 1);
                }
                return map;
            case UnionSchema u:
                return Datum(u.Branches[_random.Next(u.Branches.Count)], depth + 1);
        }
        var kind = schema.LogicalType?.Kind;
        return schema.Type switch
        {
            AvroType.Null => null,
            AvroType.Boolean => _random.Next(2) == 1,
            AvroType.Int => kind switch
            {
                LogicalTypeKind.Date => _random.Next(DateOnly.MinValue.DayNumber - AvroTime.UnixEpochDayNumber, DateOnly.MaxValue.DayNumber - AvroTime.UnixEpochDayNumber + 1),
                LogicalTypeKind.TimeMillis => _random.Next(86_400_000),
                _ => Int(),
            },
            AvroType.Long => kind switch
            {
                LogicalTypeKind.TimestampMicros => _random.NextInt64(AvroTime.MinMicros, AvroTime.MaxMicros + 1),
                LogicalTypeKind.TimestampMillis => _random.NextInt64(AvroTime.MinMillis, AvroTime.MaxMillis + 1),
                LogicalTypeKind.TimeMicros => _random.NextInt64(86_400_000_000),
                _ => Long(),
            },
            AvroType.Float => Float(),
            AvroType.Double => Double(),
            AvroType.Bytes => kind == LogicalTypeKind.Decimal ? Decimal(schema.LogicalType!) : Bytes(_random.Next(12)),
            AvroType.String => kind == LogicalTypeKind.Uuid ? new Guid(Bytes(16)).ToString("D") : Text(_random.Next(12)),
            _ => throw new InvalidOperationException($"unexpected {schema.Type}"),
        };
    }

    public int Int() => _random.Next(6) switch
    {
        0 => 0,
        1 => int.MinValue,
        2 => int.MaxValue,
        3 => _random.Next(-200, 200),
        _ => (int)_random.NextInt64(int.MinValue, (long)int.MaxValue + 1),
    };

    public long Long() => _random.Next(6) switch
    {
        0 => 0,
        1 => long.MinValue,
        2 => long.MaxValue,
        3 => _random.Next(-200, 200),
        _ => _random.NextInt64(long.MinValue, long.MaxValue),
    };

    public float Float() => _random.Next(10) switch
    {
        0 => float.NaN,
        1 => float.PositiveInfinity,
        2 => float.NegativeInfinity,
        3 => -0.0f,
        4 => float.Epsilon,
        5 => float.MaxValue,
        _ => RandomFinite(() => BitConverter.Int32BitsToSingle(_random.Next(int.MinValue, int.MaxValue)), float.IsFinite),
    };

    public double Double() => _random.Next(10) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => double.NegativeInfinity,
        3 => -0.0,
        4 => double.Epsilon,
        5 => (_random.NextDouble() - 0.5) * 1000,
        _ => RandomFinite(() => BitConverter.Int64BitsToDouble(_random.NextInt64(long.MinValue, long.MaxValue)), double.IsFinite),
    };

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Text mixing ASCII, Latin, CJK and astral-plane characters (valid scalar values only).</summary>
    public string Text(int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var rune = _random.Next(5) switch
            {
                0 => new Rune(_random.Next(0x20, 0x7f)),
                1 => new Rune(_random.Next(0xa0, 0x800)),
                2 => new Rune(_random.Next(0x4e00, 0x9fff)),
                3 => new Rune(_random.Next(0x1f300, 0x1f6ff)),
                _ => new Rune(_random.Next(0, 0x20)),
            };
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    private AvroDecimal Decimal(LogicalType logical)
    {
        var limit = BigInteger.Pow(10, logical.Precision);
        var magnitude = _random.Next(4) == 0
            ? limit - 1
            : new BigInteger(Bytes(17), isUnsigned: true) % limit;
        return new AvroDecimal(_random.Next(2) == 0 ? -magnitude : magnitude, logical.Scale);
    }

    private static T RandomFinite<T>(Func<T> next, Func<T, bool> ok)
    {
        while (true)
        {
            var value = next();
            if (ok(value))
            {
                return value;
            }
        }
    }

    private JsonObject Record(int depth, int maxDepth, string? ns)
    {
        var fields = new JsonArray();
        var count = _random.Next(depth == 0 ? 3 : 0, depth == 0 ? 8 : 4);
        for (var i = 0; i < count; i++)
        {
            fields.Add(new JsonObject { ["name"] = $"f{i}_{Word()}", ["type"] = Any(depth + 1, maxDepth) });
        }
        var record = new JsonObject { ["type"] = "record", ["name"] = $"R{_names++}", ["fields"] = fields };
        if (ns is not null)
        {
            record["namespace"] = ns;
        }
        return record;
    }

    private JsonNode Any(int depth, int maxDepth)
    {
        var choice = _random.Next(depth >= maxDepth ? 3 : 8);
        return choice switch
        {
            0 => Primitive(),
            1 => Logical(),
            2 => _random.Next(2) == 0 ? Enum() : Fixed(),
            3 => new JsonObject { ["type"] = "array", ["items"] = Any(depth + 1, maxDepth) },
            4 => new JsonObject { ["type"] = "map", ["values"] = Any(depth + 1, maxDepth) },
            5 => Record(depth, maxDepth, _random.Next(3) == 0 ? $"ns{_random.Next(3)}" : null),
            _ => Union(depth, maxDepth),
        };
    }

    private JsonNode Primitive() => new[] { "null", "boolean", "int", "long", "float", "double", "bytes", "string" }[_random.Next(8)];

    private JsonNode Logical()
    {
        var name = Logicals[_random.Next(Logicals.Length)];
        switch (name)
        {
            case "decimal":
                var precision = _random.Next(1, 39);
                return new JsonObject { ["type"] = "bytes", ["logicalType"] = "decimal", ["precision"] = precision, ["scale"] = _random.Next(precision + 1) };
            case "decimal-fixed":
                var size = _random.Next(1, 17);
                var max = LogicalTypeMaxPrecision(size);
                var fixedPrecision = _random.Next(1, max + 1);
                return new JsonObject
                {
                    ["type"] = "fixed", ["name"] = $"D{_names++}", ["size"] = size,
                    ["logicalType"] = "decimal", ["precision"] = fixedPrecision, ["scale"] = _random.Next(fixedPrecision + 1),
                };
            default:
                var underlying = name switch
                {
                    "date" or "time-millis" => "int",
                    "uuid" => "string",
                    _ => "long",
                };
                return new JsonObject { ["type"] = underlying, ["logicalType"] = name };
        }
    }

    private static int LogicalTypeMaxPrecision(int size) => (int)Math.Floor(Math.Log10(2) * ((8 * size) - 1));

    private JsonObject Enum()
    {
        var symbols = Enumerable.Range(0, _random.Next(1, 6)).Select(i => (JsonNode)$"S{i}_{Word()}").ToArray();
        return new JsonObject { ["type"] = "enum", ["name"] = $"E{_names++}", ["symbols"] = new JsonArray(symbols) };
    }

    private JsonObject Fixed() => new() { ["type"] = "fixed", ["name"] = $"F{_names++}", ["size"] = _random.Next(0, 17) };

    /// <summary>Branches in the order Python needs (float, int, boolean) and at most one per kind of value.</summary>
    private JsonArray Union(int depth, int maxDepth)
    {
        var branches = new JsonArray();
        void Maybe(Func<JsonNode> make)
        {
            if (_random.Next(3) == 0)
            {
                branches.Add(make());
            }
        }
        Maybe(() => "null");
        Maybe(() => _random.Next(2) == 0 ? "float" : "double");
        Maybe(() => _random.Next(3) switch
        {
            0 => "int",
            1 => "long",
            _ => new JsonObject { ["type"] = "long", ["logicalType"] = "timestamp-micros" },
        });
        Maybe(() => "boolean");
        var textual = _random.Next(3);
        if (textual == 0)
        {
            Maybe(() => "string");
        }
        else if (textual == 1)
        {
            Maybe(Enum);
        }
        var binary = _random.Next(3);
        if (binary == 0)
        {
            Maybe(() => _random.Next(2) == 0 ? "bytes" : new JsonObject { ["type"] = "bytes", ["logicalType"] = "decimal", ["precision"] = 10, ["scale"] = 3 });
        }
        else if (binary == 1)
        {
            Maybe(Fixed);
        }
        Maybe(() => new JsonObject { ["type"] = "array", ["items"] = Any(depth + 1, maxDepth) });
        if (_random.Next(2) == 0)
        {
            Maybe(() => Record(depth + 1, maxDepth, null));
        }
        else
        {
            Maybe(() => new JsonObject { ["type"] = "map", ["values"] = Any(depth + 1, maxDepth) });
        }
        if (branches.Count == 0)
        {
            branches.Add("null");
        }
        return branches;
    }

    private string Word() => new(Enumerable.Range(0, _random.Next(1, 6)).Select(_ => (char)('a' + _random.Next(26))).ToArray());
}
