using System.Text.Json;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Parsing;

internal sealed partial class SchemaReader
{
    private RecordSchema ReadRecord(JsonElement obj, string? enclosingNamespace, string path, bool isError)
    {
        var name = ReadName(obj, enclosingNamespace, path);
        var record = new RecordSchema(name, ReadAliases(obj, name.Namespace, path), OptionalString(obj, "doc", path), isError,
            Extra(obj, "type", "name", "namespace", "aliases", "doc", "fields"));
        Define(record, path);

        var fieldsElement = Required(obj, "fields", path);
        if (fieldsElement.ValueKind != JsonValueKind.Array)
        {
            throw new AvroSchemaException($"{path}.fields", $"'fields' must be an array, not {Describe(fieldsElement.ValueKind)}");
        }
        var fields = new List<AvroField>(fieldsElement.GetArrayLength());
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fieldElement in fieldsElement.EnumerateArray())
        {
            var fieldPath = $"{path}.fields[{fields.Count}]";
            var field = ReadField(fieldElement, fields.Count, name.Namespace, fieldPath);
            if (!names.Add(field.Name))
            {
                throw new AvroSchemaException(fieldPath, $"duplicate field name '{field.Name}'");
            }
            fields.Add(field);
        }
        record.SetFields(fields);
        return record;
    }

    private AvroField ReadField(JsonElement obj, int position, string? recordNamespace, string path)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new AvroSchemaException(path, $"a field must be an object, not {Describe(obj.ValueKind)}");
        }
        var nameElement = Required(obj, "name", path);
        var name = nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString()! : throw new AvroSchemaException($"{path}.name", "'name' must be a string");
        CheckName(name, $"{path}.name");
        var schema = Read(Required(obj, "type", path), recordNamespace, $"{path}.type");

        JsonElement? defaultValue = null;
        if (obj.TryGetProperty("default", out var defaultElement))
        {
            DefaultValueValidator.Validate(schema, defaultElement, $"{path}.default");
            defaultValue = defaultElement.Clone();
        }
        var order = OptionalString(obj, "order", path) switch
        {
            null or "ascending" => FieldOrder.Ascending,
            "descending" => FieldOrder.Descending,
            "ignore" => FieldOrder.Ignore,
            var other => throw new AvroSchemaException($"{path}.order", $"'order' must be ascending, descending or ignore, not '{other}'"),
        };
        var aliases = ReadStringArray(obj, "aliases", path);
        foreach (var alias in aliases)
        {
            CheckName(alias, $"{path}.aliases");
        }
        return new AvroField(name, position, OptionalString(obj, "doc", path), defaultValue, order, aliases,
            Extra(obj, "name", "type", "doc", "default", "order", "aliases"))
        {
            Schema = schema,
        };
    }

    private EnumSchema ReadEnum(JsonElement obj, string? enclosingNamespace, string path)
    {
        var name = ReadName(obj, enclosingNamespace, path);
        if (!obj.TryGetProperty("symbols", out var symbolsElement) || symbolsElement.ValueKind != JsonValueKind.Array)
        {
            throw new AvroSchemaException(path, "an enum needs a 'symbols' array");
        }
        var symbols = ReadStringArray(obj, "symbols", path);
        var unique = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            CheckName(symbol, $"{path}.symbols");
            if (!unique.Add(symbol))
            {
                throw new AvroSchemaException($"{path}.symbols", $"duplicate enum symbol '{symbol}'");
            }
        }
        var defaultSymbol = OptionalString(obj, "default", path);
        if (defaultSymbol is not null && !unique.Contains(defaultSymbol))
        {
            throw new AvroSchemaException($"{path}.default", $"enum default '{defaultSymbol}' is not one of the symbols");
        }
        var schema = new EnumSchema(name, ReadAliases(obj, name.Namespace, path), OptionalString(obj, "doc", path), symbols, defaultSymbol,
            Extra(obj, "type", "name", "namespace", "aliases", "doc", "symbols", "default"));
        Define(schema, path);
        return schema;
    }

    private FixedSchema ReadFixed(JsonElement obj, string? enclosingNamespace, string path)
    {
        var name = ReadName(obj, enclosingNamespace, path);
        var sizeElement = Required(obj, "size", path);
        if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt32(out var size) || size < 0)
        {
            throw new AvroSchemaException($"{path}.size", "'size' must be a non-negative integer");
        }
        var schema = new FixedSchema(name, ReadAliases(obj, name.Namespace, path), OptionalString(obj, "doc", path), size,
            Extra(obj, "type", "name", "namespace", "aliases", "doc", "size"));
        Define(schema, path);
        return schema;
    }

    private static AvroName ReadName(JsonElement obj, string? enclosingNamespace, string path)
    {
        var nameElement = Required(obj, "name", path);
        if (nameElement.ValueKind != JsonValueKind.String)
        {
            throw new AvroSchemaException($"{path}.name", "'name' must be a string");
        }
        var name = MakeName(nameElement.GetString()!, OptionalString(obj, "namespace", path) ?? enclosingNamespace, $"{path}.name");
        if (name.Namespace is null && TryPrimitive(name.Name, out _))
        {
            throw new AvroSchemaException($"{path}.name", $"'{name.Name}' is a primitive type name and cannot name a type");
        }
        return name;
    }

    /// <summary>A dotted name is a full name; otherwise the namespace applies. An empty namespace is the null namespace.</summary>
    private static AvroName MakeName(string name, string? @namespace, string path)
    {
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            @namespace = name[..dot];
            name = name[(dot + 1)..];
        }
        CheckName(name, path);
        if (string.IsNullOrEmpty(@namespace))
        {
            return new AvroName(name, null);
        }
        foreach (var part in @namespace.Split('.'))
        {
            CheckName(part, path);
        }
        return new AvroName(name, @namespace);
    }

    private static List<AvroName> ReadAliases(JsonElement obj, string? @namespace, string path) =>
        ReadStringArray(obj, "aliases", path).Select(a => MakeName(a, @namespace, $"{path}.aliases")).ToList();

    private static List<string> ReadStringArray(JsonElement obj, string attribute, string path)
    {
        if (!obj.TryGetProperty(attribute, out var array))
        {
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new AvroSchemaException($"{path}.{attribute}", $"'{attribute}' must be an array of strings");
        }
        var result = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            result.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new AvroSchemaException($"{path}.{attribute}[{result.Count}]", $"'{attribute}' must contain only strings"));
        }
        return result;
    }

    private static void CheckName(string name, string path)
    {
        var valid = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        for (var i = 1; valid && i < name.Length; i++)
        {
            valid = char.IsAsciiLetterOrDigit(name[i]) || name[i] == '_';
        }
        if (!valid)
        {
            throw new AvroSchemaException(path, $"'{name}' is not a valid Avro name (letters, digits and _, not starting with a digit)");
        }
    }

    private void Define(NamedSchema schema, string path)
    {
        if (!_named.TryAdd(schema.FullName, schema))
        {
            throw new AvroSchemaException($"{path}.name", $"type '{schema.FullName}' is defined twice");
        }
    }

    /// <summary>An unqualified reference is looked up in the enclosing namespace first, then in the null namespace.</summary>
    private NamedSchema Resolve(string name, string? enclosingNamespace, string path)
    {
        if (!name.Contains('.') && !string.IsNullOrEmpty(enclosingNamespace) && _named.TryGetValue($"{enclosingNamespace}.{name}", out var local))
        {
            return local;
        }
        return _named.TryGetValue(name, out var global)
            ? global
            : throw new AvroSchemaException(path, $"unknown type '{name}'");
    }
}
