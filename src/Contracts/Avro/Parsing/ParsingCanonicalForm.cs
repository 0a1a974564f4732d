using System.Text;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Parsing;

/// <summary>
/// Writes a schema's Parsing Canonical Form (Avro 1.11 specification): full names, only the attributes that affect parsing
/// (name, type, fields, symbols, items, values, size) in that order, no whitespace, and each named type spelled out once.
/// </summary>
internal static class ParsingCanonicalForm
{
    public static string Write(AvroSchema schema)
    {
        var builder = new StringBuilder();
        Write(schema, builder, new HashSet<string>(StringComparer.Ordinal));
        return builder.ToString();
    }

    private static void Write(AvroSchema schema, StringBuilder builder, HashSet<string> defined)
    {
        switch (schema)
        {
            case PrimitiveSchema p:
                Quote(builder, PrimitiveSchema.NameOf(p.Type));
                break;
            case NamedSchema named when !defined.Add(named.FullName):
                Quote(builder, named.FullName);
                break;
            case RecordSchema r:
                builder.Append("{\"name\":");
                Quote(builder, r.FullName);
                builder.Append(",\"type\":\"record\",\"fields\":[");
                for (var i = 0; i < r.Fields.Count; i++)
                {
                    builder.Append(i == 0 ? "{\"name\":" : ",{\"name\":");
                    Quote(builder, r.Fields[i].Name);
                    builder.Append(",\"type\":");
                    Write(r.Fields[i].Schema, builder, defined);
                    builder.Append('}');
                }
                builder.Append("]}");
                break;
            case EnumSchema e:
                builder.Append("{\"name\":");
                Quote(builder, e.FullName);
                builder.Append(",\"type\":\"enum\",\"symbols\":[");
                for (var i = 0; i < e.Symbols.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }
                    Quote(builder, e.Symbols[i]);
                }
                builder.Append("]}");
                break;
            case FixedSchema f:
                builder.Append("{\"name\":");
                Quote(builder, f.FullName);
                builder.Append(",\"type\":\"fixed\",\"size\":").Append(f.Size).Append('}');
                break;
            case ArraySchema a:
                builder.Append("{\"type\":\"array\",\"items\":");
                Write(a.Items, builder, defined);
                builder.Append('}');
                break;
            case MapSchema m:
                builder.Append("{\"type\":\"map\",\"values\":");
                Write(m.Values, builder, defined);
                builder.Append('}');
                break;
            case UnionSchema u:
                builder.Append('[');
                for (var i = 0; i < u.Branches.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }
                    Write(u.Branches[i], builder, defined);
                }
                builder.Append(']');
                break;
            default:
                throw new InvalidOperationException($"unexpected schema {schema.GetType().Name}");
        }
    }

    // Names and symbols are restricted to [A-Za-z0-9_.], so no character needs escaping.
    private static void Quote(StringBuilder builder, string text) => builder.Append('"').Append(text).Append('"');
}
