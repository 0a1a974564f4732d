using System.Text.Json;

namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>An array schema.</summary>
public sealed class ArraySchema : AvroSchema
{
    internal ArraySchema(AvroSchema items, IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
        : base(properties)
    {
        Items = items;
    }

    /// <inheritdoc/>
    public override AvroType Type => AvroType.Array;

    /// <summary>The schema of every item.</summary>
    public AvroSchema Items { get; }
}
