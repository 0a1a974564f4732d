using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Generic;

/// <summary>An enum value: its schema (to tell enums apart in a union) and symbol.</summary>
internal sealed record GenericEnum(EnumSchema Schema, string Symbol)
{
    public override string ToString() => Symbol;
}
