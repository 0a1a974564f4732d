using System.Text.Json;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Parsing;

/// <summary>
/// Checks a field default against its schema, as Avro's JSON encoding of defaults defines it: a union's default belongs to its
/// first branch, bytes and fixed are strings of code points 0–255.
/// </summary>
internal static class DefaultValueValidator
{
    public static void Validate(AvroSchema schema, JsonElement value, string path)
    {
        if (!IsValid(schema, value, path, out var problemPath, out var problem))
        {
            throw new AvroSchemaException(problemPath, $"invalid default value: {problem}");
        }
    }

    private static bool IsValid(AvroSchema schema, JsonElement value, string path, out string problemPath, out string problem)
    {
        problemPath = path;
        problem = string.Empty;
        var kind = value.ValueKind;
        var ok = schema switch
        {
            UnionSchema u => u.Branches.Count > 0 && Union(u, value, path, out problemPath, out problem),
            RecordSchema r => kind == JsonValueKind.Object && Record(r, value, path, out problemPath, out problem),
            EnumSchema e => kind == JsonValueKind.String && e.IndexOf(value.GetString()!) >= 0,
            FixedSchema f => kind == JsonValueKind.String && IsByteString(value.GetString()!) && value.GetString()!.Length == f.Size,
            ArraySchema a => kind == JsonValueKind.Array && Items(a.Items, value.EnumerateArray(), path, out problemPath, out problem),
            MapSchema m => kind == JsonValueKind.Object && Items(m.Values, value.EnumerateObject().Select(p => p.Value), path, out problemPath, out problem),
            _ => schema.Type switch
            {
                AvroType.Null => kind == JsonValueKind.Null,
                AvroType.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
                AvroType.Int => kind == JsonValueKind.Number && value.TryGetInt32(out _),
                AvroType.Long => kind == JsonValueKind.Number && value.TryGetInt64(out _),
                AvroType.Float or AvroType.Double => kind == JsonValueKind.Number,
                AvroType.Bytes => kind == JsonValueKind.String && IsByteString(value.GetString()!),
                AvroType.String => kind == JsonValueKind.String,
                _ => false,
            },
        };
        if (!ok && problem.Length == 0)
        {
            problemPath = path;
            var expected = schema is NamedSchema n ? n.FullName : PrimitiveSchema.NameOf(schema.Type);
            problem = $"{Shorten(value)} is not a valid {expected}";
        }
        return ok;
    }

    private static bool Union(UnionSchema union, JsonElement value, string path, out string problemPath, out string problem)
    {
        if (IsValid(union.Branches[0], value, path, out problemPath, out problem))
        {
            return true;
        }
        var first = union.Branches[0] is NamedSchema n ? n.FullName : PrimitiveSchema.NameOf(union.Branches[0].Type);
        problem = $"{Shorten(value)} does not match the union's first branch ({first}); a union's default belongs to its first branch";
        return false;
    }

    private static bool Record(RecordSchema record, JsonElement value, string path, out string problemPath, out string problem)
    {
        problemPath = path;
        problem = string.Empty;
        foreach (var field in record.Fields)
        {
            if (value.TryGetProperty(field.Name, out var fieldValue))
            {
                if (!IsValid(field.Schema, fieldValue, $"{path}.{field.Name}", out problemPath, out problem))
                {
                    return false;
                }
            }
            else if (!field.HasDefault)
            {
                problem = $"record default lacks field '{field.Name}', which has no default of its own";
                return false;
            }
        }
        return true;
    }

    private static bool Items(AvroSchema itemSchema, IEnumerable<JsonElement> items, string path, out string problemPath, out string problem)
    {
        problemPath = path;
        problem = string.Empty;
        var index = 0;
        foreach (var item in items)
        {
            if (!IsValid(itemSchema, item, $"{path}[{index++}]", out problemPath, out problem))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsByteString(string s)
    {
        foreach (var c in s)
        {
            if (c > '\u00ff')
            {
                return false;
            }
        }
        return true;
    }

    private static string Shorten(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
    }
}
