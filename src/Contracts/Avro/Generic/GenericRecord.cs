using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Generic;

/// <summary>A record value for any record schema: field values by position, used where no C# type exists for the schema.</summary>
internal sealed class GenericRecord
{
    private readonly object?[] _values;

    public GenericRecord(RecordSchema schema)
    {
        Schema = schema;
        _values = new object?[schema.Fields.Count];
    }

    public RecordSchema Schema { get; }

    public object? this[int position]
    {
        get => _values[position];
        set => _values[position] = value;
    }

    public object? this[string field]
    {
        get => _values[Position(field)];
        set => _values[Position(field)] = value;
    }

    public override string ToString() =>
        $"{Schema.FullName} {{ {string.Join(", ", Schema.Fields.Select(f => $"{f.Name} = {GenericDatum.Describe(_values[f.Position])}"))} }}";

    private int Position(string field) =>
        Schema.GetField(field)?.Position ?? throw new KeyNotFoundException($"record {Schema.FullName} has no field '{field}'");
}
