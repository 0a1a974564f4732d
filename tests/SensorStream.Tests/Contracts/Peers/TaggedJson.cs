using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Tests.Contracts.Peers;

/// <summary>
/// The value form exchanged with the Python and JavaScript peers (see tests/peers/avro/avro_peer.py): longs as strings,
/// bytes as hex, floats with NaN/Infinity/-0.0 spelled out, unions as {"branch": value}, decimals as plain strings.
/// </summary>
internal static class TaggedJson
{
    public static JsonNode? ToTagged(AvroSchema schema, object? value)
    {
        switch (schema)
        {
            case UnionSchema union:
                if (value is null)
                {
                    return null;
                }
                var branch = union.Branches[UnionBranch.Find(union, value)];
                return new JsonObject { [BranchName(branch)] = ToTagged(branch, value) };
            case RecordSchema record:
                var generic = (GenericRecord)value!;
                var obj = new JsonObject();
                foreach (var field in record.Fields)
                {
                    obj[field.Name] = ToTagged(field.Schema, generic[field.Position]);
                }
                return obj;
            case EnumSchema:
                return ((GenericEnum)value!).Symbol;
            case FixedSchema:
                return value is AvroDecimal fixedDecimal ? fixedDecimal.ToString() : Convert.ToHexStringLower(((GenericFixed)value!).Value);
            case ArraySchema array:
                return new JsonArray(((IList)value!).Cast<object?>().Select(item => ToTagged(array.Items, item)).ToArray());
            case MapSchema map:
                var mapObject = new JsonObject();
                foreach (var (key, item) in (Dictionary<string, object?>)value!)
                {
                    mapObject[key] = ToTagged(map.Values, item);
                }
                return mapObject;
        }
        return schema.Type switch
        {
            AvroType.Null => null,
            AvroType.Boolean => (bool)value!,
            AvroType.Int => (int)value!,
            AvroType.Long => ((long)value!).ToString(CultureInfo.InvariantCulture),
            AvroType.Float => FloatTo((float)value!),
            AvroType.Double => FloatTo((double)value!),
            AvroType.Bytes => value is AvroDecimal d ? d.ToString() : Convert.ToHexStringLower((byte[])value!),
            AvroType.String => (string)value!,
            _ => throw new InvalidOperationException($"unexpected {schema.Type}"),
        };
    }

    public static object? FromTagged(AvroSchema schema, JsonNode? node)
    {
        switch (schema)
        {
            case UnionSchema union:
                if (node is null)
                {
                    return null;
                }
                var (name, inner) = node.AsObject().Single();
                return FromTagged(union.Branches.Single(b => BranchName(b) == name), inner);
            case RecordSchema record:
                var generic = new GenericRecord(record);
                foreach (var field in record.Fields)
                {
                    generic[field.Position] = FromTagged(field.Schema, node![field.Name]);
                }
                return generic;
            case EnumSchema e:
                return new GenericEnum(e, node!.GetValue<string>());
            case FixedSchema f:
                return f.LogicalType?.Kind == LogicalTypeKind.Decimal
                    ? AvroDecimal.Parse(node!.GetValue<string>())
                    : new GenericFixed(f, Convert.FromHexString(node!.GetValue<string>()));
            case ArraySchema array:
                return node!.AsArray().Select(item => FromTagged(array.Items, item)).ToList();
            case MapSchema map:
                var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, item) in node!.AsObject())
                {
                    dictionary[key] = FromTagged(map.Values, item);
                }
                return dictionary;
        }
        return schema.Type switch
        {
            AvroType.Null => null,
            AvroType.Boolean => node!.GetValue<bool>(),
            AvroType.Int => node!.GetValue<int>(),
            AvroType.Long => long.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture),
            AvroType.Float => (float)FloatFrom(node!),
            AvroType.Double => FloatFrom(node!),
            AvroType.Bytes => schema.LogicalType?.Kind == LogicalTypeKind.Decimal
                ? AvroDecimal.Parse(node!.GetValue<string>())
                : Convert.FromHexString(node!.GetValue<string>()),
            AvroType.String => node!.GetValue<string>(),
            _ => throw new InvalidOperationException($"unexpected {schema.Type}"),
        };
    }

    public static string BranchName(AvroSchema schema) =>
        schema is NamedSchema named ? named.FullName : PrimitiveSchema.NameOf(schema.Type);

    private static JsonNode FloatTo(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        0 when double.IsNegative(value) => "-0.0",
        _ => JsonValue.Create(value),
    };

    private static double FloatFrom(JsonNode node) =>
        node.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? node.GetValue<string>() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                "-0.0" => -0.0,
                var other => throw new FormatException($"unexpected float text {other}"),
            }
            : node.GetValue<double>();
}
