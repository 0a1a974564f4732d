using System.Numerics;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Generic;

/// <summary>
/// Decodes Avro binary into generic values by walking the schema. Logical types stay in their underlying form except
/// decimal, which becomes <see cref="AvroDecimal"/> because its raw bytes mean nothing without the scale.
/// </summary>
internal static class GenericDatumReader
{
    public static object? Read(ref AvroReader reader, AvroSchema schema)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                return null;
            case AvroType.Boolean:
                return reader.ReadBoolean();
            case AvroType.Int:
                return reader.ReadInt();
            case AvroType.Long:
                return reader.ReadLong();
            case AvroType.Float:
                return reader.ReadFloat();
            case AvroType.Double:
                return reader.ReadDouble();
            case AvroType.Bytes:
                var bytes = reader.ReadBytesSpan();
                return schema.LogicalType is { Kind: LogicalTypeKind.Decimal } bytesDecimal
                    ? new AvroDecimal(new BigInteger(bytes, isUnsigned: false, isBigEndian: true), bytesDecimal.Scale)
                    : bytes.ToArray();
            case AvroType.String:
                return reader.ReadString();
            case AvroType.Record:
                return ReadRecord(ref reader, (RecordSchema)schema);
            case AvroType.Enum:
                var enumSchema = (EnumSchema)schema;
                return new GenericEnum(enumSchema, enumSchema.Symbols[reader.ReadEnum(enumSchema.Symbols.Count)]);
            case AvroType.Fixed:
                var fixedSchema = (FixedSchema)schema;
                var fixedBytes = reader.ReadFixed(fixedSchema.Size);
                return schema.LogicalType is { Kind: LogicalTypeKind.Decimal } fixedDecimal
                    ? new AvroDecimal(new BigInteger(fixedBytes, isUnsigned: false, isBigEndian: true), fixedDecimal.Scale)
                    : new GenericFixed(fixedSchema, fixedBytes.ToArray());
            case AvroType.Array:
                return ReadArray(ref reader, (ArraySchema)schema);
            case AvroType.Map:
                return ReadMap(ref reader, (MapSchema)schema);
            case AvroType.Union:
                var union = (UnionSchema)schema;
                return Read(ref reader, union.Branches[reader.ReadUnionIndex(union.Branches.Count)]);
            default:
                throw new InvalidOperationException($"unexpected schema type {schema.Type}");
        }
    }

    /// <summary>Moves past one value without materialising it.</summary>
    public static void Skip(ref AvroReader reader, AvroSchema schema)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                break;
            case AvroType.Boolean:
                reader.ReadBoolean();
                break;
            case AvroType.Int:
                reader.ReadInt();
                break;
            case AvroType.Long:
                reader.ReadLong();
                break;
            case AvroType.Float:
                reader.ReadFloat();
                break;
            case AvroType.Double:
                reader.ReadDouble();
                break;
            case AvroType.Bytes or AvroType.String:
                reader.SkipLengthPrefixed();
                break;
            case AvroType.Record:
                reader.Enter();
                foreach (var field in ((RecordSchema)schema).Fields)
                {
                    Skip(ref reader, field.Schema);
                }
                reader.Exit();
                break;
            case AvroType.Enum:
                reader.ReadEnum(((EnumSchema)schema).Symbols.Count);
                break;
            case AvroType.Fixed:
                reader.ReadFixed(((FixedSchema)schema).Size);
                break;
            case AvroType.Array:
                var items = ((ArraySchema)schema).Items;
                for (var count = reader.ReadBlockCount(items.MinEncodedSize); count != 0; count = reader.ReadBlockCount(items.MinEncodedSize))
                {
                    for (var i = 0; i < count; i++)
                    {
                        Skip(ref reader, items);
                    }
                }
                break;
            case AvroType.Map:
                var values = ((MapSchema)schema).Values;
                for (var count = reader.ReadBlockCount(1 + values.MinEncodedSize); count != 0; count = reader.ReadBlockCount(1 + values.MinEncodedSize))
                {
                    for (var i = 0; i < count; i++)
                    {
                        reader.SkipLengthPrefixed();
                        Skip(ref reader, values);
                    }
                }
                break;
            case AvroType.Union:
                var union = (UnionSchema)schema;
                Skip(ref reader, union.Branches[reader.ReadUnionIndex(union.Branches.Count)]);
                break;
            default:
                throw new InvalidOperationException($"unexpected schema type {schema.Type}");
        }
    }

    private static GenericRecord ReadRecord(ref AvroReader reader, RecordSchema schema)
    {
        reader.Enter();
        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            record[field.Position] = Read(ref reader, field.Schema);
        }
        reader.Exit();
        return record;
    }

    private static List<object?> ReadArray(ref AvroReader reader, ArraySchema schema)
    {
        var list = new List<object?>();
        var minSize = schema.Items.MinEncodedSize;
        for (var count = reader.ReadBlockCount(minSize); count != 0; count = reader.ReadBlockCount(minSize))
        {
            list.EnsureCapacity(list.Count + count);
            for (var i = 0; i < count; i++)
            {
                list.Add(Read(ref reader, schema.Items));
            }
        }
        return list;
    }

    private static Dictionary<string, object?> ReadMap(ref AvroReader reader, MapSchema schema)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        // Each entry costs its key's length byte on top of the value.
        var minSize = 1 + schema.Values.MinEncodedSize;
        for (var count = reader.ReadBlockCount(minSize); count != 0; count = reader.ReadBlockCount(minSize))
        {
            map.EnsureCapacity(map.Count + count);
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                map[key] = Read(ref reader, schema.Values);
            }
        }
        return map;
    }
}
