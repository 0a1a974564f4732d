using System.Text.Json;

namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>A fixed schema: a named byte sequence of a set size.</summary>
public sealed class FixedSchema : NamedSchema
{
    internal FixedSchema(AvroName name, IReadOnlyList<AvroName> aliases, string? doc, int size,
        IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
        : base(name, aliases, doc, properties)
    {
        Size = size;
        ResolveLogicalType();
    }

    /// <inheritdoc/>
    public override AvroType Type => AvroType.Fixed;

    /// <summary>The number of bytes of every value.</summary>
    public int Size { get; }
}
