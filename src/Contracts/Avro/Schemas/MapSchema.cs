using System.Text.Json;

namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>A map schema: string keys, values of one schema.</summary>
public sealed class MapSchema : AvroSchema
{
    internal MapSchema(AvroSchema values, IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
        : base(properties)
    {
        Values = values;
    }

    /// <inheritdoc/>
    public override AvroType Type => AvroType.Map;

    /// <summary>The schema of every value.</summary>
    public AvroSchema Values { get; }
}
