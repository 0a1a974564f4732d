using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Generic;

/// <summary>A fixed value: its schema (to tell fixed types apart in a union) and bytes.</summary>
internal sealed class GenericFixed(FixedSchema schema, byte[] value)
{
    public FixedSchema Schema { get; } = schema;

    public byte[] Value { get; } = value;

    public override string ToString() => Convert.ToHexStringLower(Value);
}
