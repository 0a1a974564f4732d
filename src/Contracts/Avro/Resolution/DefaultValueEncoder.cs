using System.Text.Json;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>Encodes a field's JSON default (already validated by the parser) in Avro binary, per the specification's default rules.</summary>
internal static class DefaultValueEncoder
{
    public static byte[] Encode(AvroSchema schema, JsonElement value)
    {
        var writer = new AvroWriter(64);
        try
        {
            Write(ref writer, schema, value);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static void Write(ref AvroWriter writer, AvroSchema schema, JsonElement value)
    {
        switch (schema)
        {
            case UnionSchema union:
                // A union's default is a value of its first branch.
                writer.WriteUnionIndex(0);
                Write(ref writer, union.Branches[0], value);
                break;
            case RecordSchema record:
                foreach (var field in record.Fields)
                {
                    Write(ref writer, field.Schema, value.TryGetProperty(field.Name, out var fieldValue) ? fieldValue : field.Default!.Value);
                }
                break;
            case EnumSchema e:
                writer.WriteEnum(e.IndexOf(value.GetString()!));
                break;
            case FixedSchema:
                writer.WriteFixed(Latin1(value.GetString()!));
                break;
            case ArraySchema array:
                var count = value.GetArrayLength();
                if (count > 0)
                {
                    writer.WriteBlockCount(count);
                    foreach (var item in value.EnumerateArray())
                    {
                        Write(ref writer, array.Items, item);
                    }
                }
                writer.WriteCollectionEnd();
                break;
            case MapSchema map:
                var entries = value.EnumerateObject().ToList();
                if (entries.Count > 0)
                {
                    writer.WriteBlockCount(entries.Count);
                    foreach (var entry in entries)
                    {
                        writer.WriteString(entry.Name);
                        Write(ref writer, map.Values, entry.Value);
                    }
                }
                writer.WriteCollectionEnd();
                break;
            default:
                WritePrimitive(ref writer, schema.Type, value);
                break;
        }
    }

    private static void WritePrimitive(ref AvroWriter writer, AvroType type, JsonElement value)
    {
        switch (type)
        {
            case AvroType.Null:
                break;
            case AvroType.Boolean:
                writer.WriteBoolean(value.GetBoolean());
                break;
            case AvroType.Int:
                writer.WriteInt(value.GetInt32());
                break;
            case AvroType.Long:
                writer.WriteLong(value.GetInt64());
                break;
            case AvroType.Float:
                writer.WriteFloat((float)value.GetDouble());
                break;
            case AvroType.Double:
                writer.WriteDouble(value.GetDouble());
                break;
            case AvroType.Bytes:
                writer.WriteBytes(Latin1(value.GetString()!));
                break;
            case AvroType.String:
                writer.WriteString(value.GetString()!);
                break;
            default:
                throw new InvalidOperationException($"unexpected schema type {type}");
        }
    }

    // Avro's JSON form of bytes maps each code point 0-255 to one byte.
    private static byte[] Latin1(string text) => text.Select(c => (byte)c).ToArray();
}
