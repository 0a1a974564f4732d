using System.Text.Json;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Parsing;

/// <summary>
/// Writes a schema back to compact JSON keeping every attribute: the registry's stored form, like the string Confluent's
/// registry returns. Namespaces are written only where they change, references use the full name.
/// </summary>
internal static class AvroSchemaJsonWriter
{
    public static string Write(AvroSchema schema)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(schema, writer, null, new HashSet<string>(StringComparer.Ordinal));
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(AvroSchema schema, Utf8JsonWriter writer, string? enclosingNamespace, HashSet<string> defined)
    {
        switch (schema)
        {
            case PrimitiveSchema p when p.Properties.Count == 0:
                writer.WriteStringValue(PrimitiveSchema.NameOf(p.Type));
                break;
            case PrimitiveSchema p:
                writer.WriteStartObject();
                writer.WriteString("type", PrimitiveSchema.NameOf(p.Type));
                WriteProperties(writer, p.Properties);
                writer.WriteEndObject();
                break;
            case NamedSchema named when !defined.Add(named.FullName):
                writer.WriteStringValue(named.FullName);
                break;
            case NamedSchema named:
                WriteNamed(named, writer, enclosingNamespace, defined);
                break;
            case ArraySchema a:
                writer.WriteStartObject();
                writer.WriteString("type", "array");
                writer.WritePropertyName("items");
                Write(a.Items, writer, enclosingNamespace, defined);
                WriteProperties(writer, a.Properties);
                writer.WriteEndObject();
                break;
            case MapSchema m:
                writer.WriteStartObject();
                writer.WriteString("type", "map");
                writer.WritePropertyName("values");
                Write(m.Values, writer, enclosingNamespace, defined);
                WriteProperties(writer, m.Properties);
                writer.WriteEndObject();
                break;
            case UnionSchema u:
                writer.WriteStartArray();
                foreach (var branch in u.Branches)
                {
                    Write(branch, writer, enclosingNamespace, defined);
                }
                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"unexpected schema {schema.GetType().Name}");
        }
    }

    private static void WriteNamed(NamedSchema named, Utf8JsonWriter writer, string? enclosingNamespace, HashSet<string> defined)
    {
        writer.WriteStartObject();
        writer.WriteString("type", named switch
        {
            RecordSchema { IsError: true } => "error",
            RecordSchema => "record",
            EnumSchema => "enum",
            _ => "fixed",
        });
        writer.WriteString("name", named.Name.Name);
        if (named.Name.Namespace != enclosingNamespace)
        {
            writer.WriteString("namespace", named.Name.Namespace ?? string.Empty);
        }
        if (named.Doc is not null)
        {
            writer.WriteString("doc", named.Doc);
        }
        if (named.Aliases.Count > 0)
        {
            writer.WriteStartArray("aliases");
            foreach (var alias in named.Aliases)
            {
                writer.WriteStringValue(alias.FullName);
            }
            writer.WriteEndArray();
        }
        switch (named)
        {
            case RecordSchema r:
                writer.WriteStartArray("fields");
                foreach (var field in r.Fields)
                {
                    WriteField(field, writer, r.Name.Namespace, defined);
                }
                writer.WriteEndArray();
                break;
            case EnumSchema e:
                writer.WriteStartArray("symbols");
                foreach (var symbol in e.Symbols)
                {
                    writer.WriteStringValue(symbol);
                }
                writer.WriteEndArray();
                if (e.Default is not null)
                {
                    writer.WriteString("default", e.Default);
                }
                break;
            case FixedSchema f:
                writer.WriteNumber("size", f.Size);
                break;
        }
        WriteProperties(writer, named.Properties);
        writer.WriteEndObject();
    }

    private static void WriteField(AvroField field, Utf8JsonWriter writer, string? recordNamespace, HashSet<string> defined)
    {
        writer.WriteStartObject();
        writer.WriteString("name", field.Name);
        writer.WritePropertyName("type");
        Write(field.Schema, writer, recordNamespace, defined);
        if (field.Doc is not null)
        {
            writer.WriteString("doc", field.Doc);
        }
        if (field.Default is { } defaultValue)
        {
            writer.WritePropertyName("default");
            defaultValue.WriteTo(writer);
        }
        if (field.Order != FieldOrder.Ascending)
        {
            writer.WriteString("order", field.Order == FieldOrder.Descending ? "descending" : "ignore");
        }
        if (field.Aliases.Count > 0)
        {
            writer.WriteStartArray("aliases");
            foreach (var alias in field.Aliases)
            {
                writer.WriteStringValue(alias);
            }
            writer.WriteEndArray();
        }
        WriteProperties(writer, field.Properties);
        writer.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
    {
        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
