using System.Text.Json;

namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>One field of a record schema.</summary>
public sealed class AvroField
{
    internal AvroField(string name, int position, string? doc, JsonElement? defaultValue, FieldOrder order,
        IReadOnlyList<string> aliases, IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
    {
        Name = name;
        Position = position;
        Doc = doc;
        Default = defaultValue;
        Order = order;
        Aliases = aliases;
        Properties = properties;
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>Zero-based position in the record; the binary encoding writes fields in this order.</summary>
    public int Position { get; }

    /// <summary>The field's schema. Set once while parsing (fields can refer to the record that holds them).</summary>
    public AvroSchema Schema { get; internal set; } = null!;

    /// <summary>The documentation string, if any.</summary>
    public string? Doc { get; }

    /// <summary>The default value as JSON, or <see langword="null"/> when the field has none; a reader fills it in when the writer lacks the field.</summary>
    public JsonElement? Default { get; }

    /// <summary>True when the field has a default value.</summary>
    public bool HasDefault => Default.HasValue;

    /// <summary>Sort order; not part of the encoding.</summary>
    public FieldOrder Order { get; }

    /// <summary>Alternative names a reader accepts for this field during schema resolution.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Attributes beyond the ones a field defines, in source order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonElement>> Properties { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Schema}";
}
