using System.Text.Json;

namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>One of the eight primitive types, possibly annotated with a logical type.</summary>
public sealed class PrimitiveSchema : AvroSchema
{
    private static readonly PrimitiveSchema[] Plain =
    [
        new(AvroType.Null, []), new(AvroType.Boolean, []), new(AvroType.Int, []), new(AvroType.Long, []),
        new(AvroType.Float, []), new(AvroType.Double, []), new(AvroType.Bytes, []), new(AvroType.String, []),
    ];

    internal PrimitiveSchema(AvroType type, IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
        : base(properties)
    {
        if (type > AvroType.String)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "not a primitive type");
        }
        Type = type;
        ResolveLogicalType();
    }

    /// <inheritdoc/>
    public override AvroType Type { get; }

    /// <summary>The shared instance of a primitive type without properties.</summary>
    public static PrimitiveSchema Of(AvroType type) =>
        type <= AvroType.String ? Plain[(int)type] : throw new ArgumentOutOfRangeException(nameof(type), type, "not a primitive type");

    /// <summary>The Avro name of a primitive type (<c>"null"</c>, <c>"int"</c>, …).</summary>
    public static string NameOf(AvroType type) => type switch
    {
        AvroType.Null => "null",
        AvroType.Boolean => "boolean",
        AvroType.Int => "int",
        AvroType.Long => "long",
        AvroType.Float => "float",
        AvroType.Double => "double",
        AvroType.Bytes => "bytes",
        AvroType.String => "string",
        AvroType.Record => "record",
        AvroType.Enum => "enum",
        AvroType.Array => "array",
        AvroType.Map => "map",
        AvroType.Union => "union",
        AvroType.Fixed => "fixed",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
