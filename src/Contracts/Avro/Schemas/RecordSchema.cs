using System.Text.Json;

namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>A record (or Avro <c>error</c>) schema: a named sequence of fields.</summary>
public sealed class RecordSchema : NamedSchema
{
    private IReadOnlyList<AvroField> _fields = [];
    private Dictionary<string, AvroField> _byName = [];

    internal RecordSchema(AvroName name, IReadOnlyList<AvroName> aliases, string? doc, bool isError,
        IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
        : base(name, aliases, doc, properties)
    {
        IsError = isError;
    }

    /// <inheritdoc/>
    public override AvroType Type => AvroType.Record;

    /// <summary>True when declared with <c>"type": "error"</c> (encoded exactly like a record).</summary>
    public bool IsError { get; }

    /// <summary>The fields in declaration (and encoding) order.</summary>
    public IReadOnlyList<AvroField> Fields => _fields;

    /// <summary>Finds a field by exact name.</summary>
    public AvroField? GetField(string name) => _byName.GetValueOrDefault(name);

    // Fields are attached after the record's name is registered, so a field may refer to its own record.
    internal void SetFields(IReadOnlyList<AvroField> fields)
    {
        _fields = fields;
        _byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }
}
