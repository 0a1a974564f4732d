using System.Collections;
using System.Numerics;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Generic;

/// <summary>
/// Encodes generic values by walking the schema. Accepts the values <see cref="GenericDatumReader"/> produces, plus the
/// natural .NET types for logical types (<see cref="decimal"/>, <see cref="Guid"/>, <see cref="DateOnly"/>,
/// <see cref="DateTimeOffset"/>). A union picks the first branch that matches the value exactly, else the first it can be
/// promoted to.
/// </summary>
internal static class GenericDatumWriter
{
    public static void Write(ref AvroWriter writer, AvroSchema schema, object? value)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                Expect(value is null, schema, value);
                break;
            case AvroType.Boolean:
                writer.WriteBoolean(value is bool b ? b : throw Mismatch(schema, value));
                break;
            case AvroType.Int:
                writer.WriteInt(value switch
                {
                    int i => i,
                    DateOnly d when schema.LogicalType?.Kind == LogicalTypeKind.Date => d.DayNumber - AvroTime.UnixEpochDayNumber,
                    _ => throw Mismatch(schema, value),
                });
                break;
            case AvroType.Long:
                writer.WriteLong(value switch
                {
                    long l => l,
                    int i => i,
                    DateTimeOffset t when schema.LogicalType?.Kind == LogicalTypeKind.TimestampMicros => AvroTime.ToMicros(t),
                    DateTimeOffset t when schema.LogicalType?.Kind == LogicalTypeKind.TimestampMillis => AvroTime.ToMillis(t),
                    _ => throw Mismatch(schema, value),
                });
                break;
            case AvroType.Float:
                writer.WriteFloat(value switch
                {
                    float f => f,
                    int i => i,
                    long l => l,
                    _ => throw Mismatch(schema, value),
                });
                break;
            case AvroType.Double:
                writer.WriteDouble(value switch
                {
                    double d => d,
                    float f => f,
                    int i => i,
                    long l => l,
                    _ => throw Mismatch(schema, value),
                });
                break;
            case AvroType.Bytes:
                if (schema.LogicalType is { Kind: LogicalTypeKind.Decimal } logical && value is AvroDecimal or decimal)
                {
                    writer.WriteBytes(UnscaledBytes(schema, logical, value));
                }
                else
                {
                    writer.WriteBytes(value is byte[] bytes ? bytes : throw Mismatch(schema, value));
                }
                break;
            case AvroType.String:
                switch (value)
                {
                    case string s:
                        writer.WriteString(s);
                        break;
                    case Guid g when schema.LogicalType?.Kind == LogicalTypeKind.Uuid:
                        writer.WriteUuid(g);
                        break;
                    default:
                        throw Mismatch(schema, value);
                }
                break;
            case AvroType.Record:
                WriteRecord(ref writer, (RecordSchema)schema, value);
                break;
            case AvroType.Enum:
                var enumSchema = (EnumSchema)schema;
                var symbol = value switch
                {
                    GenericEnum e => e.Symbol,
                    string s => s,
                    _ => throw Mismatch(schema, value),
                };
                var index = enumSchema.IndexOf(symbol);
                writer.WriteEnum(index >= 0 ? index : throw new AvroEncodeException($"'{symbol}' is not a symbol of enum {enumSchema.FullName}"));
                break;
            case AvroType.Fixed:
                WriteFixed(ref writer, (FixedSchema)schema, value);
                break;
            case AvroType.Array:
                WriteArray(ref writer, (ArraySchema)schema, value);
                break;
            case AvroType.Map:
                WriteMap(ref writer, (MapSchema)schema, value);
                break;
            case AvroType.Union:
                var union = (UnionSchema)schema;
                var branch = UnionBranch.Find(union, value);
                if (branch < 0)
                {
                    throw new AvroEncodeException($"{GenericDatum.Describe(value)} matches no branch of union {union}");
                }
                writer.WriteUnionIndex(branch);
                Write(ref writer, union.Branches[branch], value);
                break;
            default:
                throw new InvalidOperationException($"unexpected schema type {schema.Type}");
        }
    }

    private static void WriteRecord(ref AvroWriter writer, RecordSchema schema, object? value)
    {
        if (value is not GenericRecord record || record.Schema.FullName != schema.FullName)
        {
            throw Mismatch(schema, value);
        }
        foreach (var field in schema.Fields)
        {
            try
            {
                Write(ref writer, field.Schema, record[field.Position]);
            }
            catch (AvroEncodeException e) when (!e.Message.StartsWith("field ", StringComparison.Ordinal))
            {
                throw new AvroEncodeException($"field {schema.FullName}.{field.Name}: {e.Message}", e);
            }
        }
    }

    private static void WriteFixed(ref AvroWriter writer, FixedSchema schema, object? value)
    {
        byte[] bytes;
        if (schema.LogicalType is { Kind: LogicalTypeKind.Decimal } logical && value is AvroDecimal or decimal)
        {
            var minimal = UnscaledBytes(schema, logical, value);
            if (minimal.Length > schema.Size)
            {
                throw new AvroEncodeException($"decimal {GenericDatum.Describe(value)} does not fit fixed({schema.Size})");
            }
            // Sign-extend the minimal form to the fixed size.
            bytes = new byte[schema.Size];
            Array.Fill(bytes, (minimal[0] & 0x80) != 0 ? (byte)0xff : (byte)0);
            minimal.CopyTo(bytes, schema.Size - minimal.Length);
        }
        else
        {
            bytes = value switch
            {
                GenericFixed f when f.Schema.FullName == schema.FullName => f.Value,
                byte[] raw => raw,
                _ => throw Mismatch(schema, value),
            };
        }
        if (bytes.Length != schema.Size)
        {
            throw new AvroEncodeException($"fixed {schema.FullName} needs {schema.Size} bytes, got {bytes.Length}");
        }
        writer.WriteFixed(bytes);
    }

    private static void WriteArray(ref AvroWriter writer, ArraySchema schema, object? value)
    {
        if (value is not IList list)
        {
            throw Mismatch(schema, value);
        }
        if (list.Count > 0)
        {
            writer.WriteBlockCount(list.Count);
            foreach (var item in list)
            {
                Write(ref writer, schema.Items, item);
            }
        }
        writer.WriteCollectionEnd();
    }

    private static void WriteMap(ref AvroWriter writer, MapSchema schema, object? value)
    {
        if (value is not IDictionary map)
        {
            throw Mismatch(schema, value);
        }
        if (map.Count > 0)
        {
            writer.WriteBlockCount(map.Count);
            foreach (DictionaryEntry entry in map)
            {
                writer.WriteString(entry.Key as string ?? throw new AvroEncodeException($"map keys must be strings, got {entry.Key.GetType().Name}"));
                Write(ref writer, schema.Values, entry.Value);
            }
        }
        writer.WriteCollectionEnd();
    }

    private static byte[] UnscaledBytes(AvroSchema schema, LogicalType logical, object? value)
    {
        var avroDecimal = value switch
        {
            AvroDecimal d => d,
            decimal d => AvroDecimal.Parse(d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => throw Mismatch(schema, value),
        };
        if (!avroDecimal.TryRescale(logical.Scale, out var unscaled))
        {
            throw new AvroEncodeException($"decimal {avroDecimal} has more than {logical.Scale} digits after the point");
        }
        if (BigInteger.Abs(unscaled) >= BigInteger.Pow(10, logical.Precision))
        {
            throw new AvroEncodeException($"decimal {avroDecimal} has more than {logical.Precision} digits");
        }
        return unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
    }

    private static void Expect(bool ok, AvroSchema schema, object? value)
    {
        if (!ok)
        {
            throw Mismatch(schema, value);
        }
    }

    private static AvroEncodeException Mismatch(AvroSchema schema, object? value) =>
        new($"{GenericDatum.Describe(value)} ({value?.GetType().Name ?? "null"}) is not a valid {(schema is NamedSchema n ? n.FullName : PrimitiveSchema.NameOf(schema.Type))}");
}
