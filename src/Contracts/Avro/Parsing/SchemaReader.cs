using System.Text.Json;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Parsing;

/// <summary>One parse: the named types seen so far, and the recursive descent over the schema JSON.</summary>
internal sealed partial class SchemaReader
{
    private readonly Dictionary<string, NamedSchema> _named = new(StringComparer.Ordinal);

    public AvroSchema Read(JsonElement element, string? enclosingNamespace, string path) => element.ValueKind switch
    {
        JsonValueKind.String => ReadTypeName(element.GetString()!, enclosingNamespace, path),
        JsonValueKind.Array => ReadUnion(element, enclosingNamespace, path),
        JsonValueKind.Object => ReadObject(element, enclosingNamespace, path),
        _ => throw new AvroSchemaException(path, $"a schema must be a JSON string, object or array, not {Describe(element.ValueKind)}"),
    };

    private AvroSchema ReadTypeName(string name, string? enclosingNamespace, string path) =>
        TryPrimitive(name, out var type) ? PrimitiveSchema.Of(type) : Resolve(name, enclosingNamespace, path);

    private AvroSchema ReadObject(JsonElement obj, string? enclosingNamespace, string path)
    {
        if (!obj.TryGetProperty("type", out var typeElement))
        {
            throw new AvroSchemaException(path, "missing attribute 'type'");
        }
        if (typeElement.ValueKind != JsonValueKind.String)
        {
            throw new AvroSchemaException($"{path}.type", $"'type' must be a type name string, not {Describe(typeElement.ValueKind)}");
        }
        var type = typeElement.GetString()!;
        if (TryPrimitive(type, out var primitive))
        {
            var properties = Extra(obj, "type");
            return properties.Count == 0 ? PrimitiveSchema.Of(primitive) : new PrimitiveSchema(primitive, properties);
        }
        return type switch
        {
            "record" => ReadRecord(obj, enclosingNamespace, path, isError: false),
            "error" => ReadRecord(obj, enclosingNamespace, path, isError: true),
            "enum" => ReadEnum(obj, enclosingNamespace, path),
            "fixed" => ReadFixed(obj, enclosingNamespace, path),
            "array" => new ArraySchema(Read(Required(obj, "items", path), enclosingNamespace, $"{path}.items"), Extra(obj, "type", "items")),
            "map" => new MapSchema(Read(Required(obj, "values", path), enclosingNamespace, $"{path}.values"), Extra(obj, "type", "values")),
            _ => Resolve(type, enclosingNamespace, $"{path}.type"),
        };
    }

    private UnionSchema ReadUnion(JsonElement array, string? enclosingNamespace, string path)
    {
        var branches = new List<AvroSchema>(array.GetArrayLength());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            var branch = Read(item, enclosingNamespace, itemPath);
            if (branch is UnionSchema)
            {
                throw new AvroSchemaException(itemPath, "a union may not directly contain another union");
            }
            // Branches are told apart by type, or by full name for named types, so each must be distinct.
            var key = branch is NamedSchema named ? named.FullName : PrimitiveSchema.NameOf(branch.Type);
            if (!seen.Add(key))
            {
                throw new AvroSchemaException(itemPath, $"duplicate '{key}' in union");
            }
            branches.Add(branch);
        }
        return new UnionSchema(branches);
    }

    private static JsonElement Required(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) ? value : throw new AvroSchemaException(path, $"missing attribute '{name}'");

    private static string? OptionalString(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new AvroSchemaException($"{path}.{name}", $"'{name}' must be a string, not {Describe(value.ValueKind)}");
    }

    /// <summary>Every attribute not in <paramref name="reserved"/>, copied so the source document can be disposed.</summary>
    private static List<KeyValuePair<string, JsonElement>> Extra(JsonElement obj, params ReadOnlySpan<string> reserved)
    {
        var extra = new List<KeyValuePair<string, JsonElement>>();
        foreach (var property in obj.EnumerateObject())
        {
            if (!reserved.Contains(property.Name))
            {
                extra.Add(new(property.Name, property.Value.Clone()));
            }
        }
        return extra;
    }

    internal static bool TryPrimitive(string name, out AvroType type)
    {
        type = name switch
        {
            "null" => AvroType.Null,
            "boolean" => AvroType.Boolean,
            "int" => AvroType.Int,
            "long" => AvroType.Long,
            "float" => AvroType.Float,
            "double" => AvroType.Double,
            "bytes" => AvroType.Bytes,
            "string" => AvroType.String,
            _ => AvroType.Record,
        };
        return type != AvroType.Record;
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
