using System.Text.Json;

namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>A record, enum or fixed: a type with a full name, referable by that name elsewhere in the schema.</summary>
public abstract class NamedSchema : AvroSchema
{
    private protected NamedSchema(AvroName name, IReadOnlyList<AvroName> aliases, string? doc, IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
        : base(properties)
    {
        Name = name;
        Aliases = aliases;
        Doc = doc;
    }

    /// <summary>The type's name and namespace.</summary>
    public AvroName Name { get; }

    /// <summary>Alternative names a reader accepts for this type during schema resolution.</summary>
    public IReadOnlyList<AvroName> Aliases { get; }

    /// <summary>The documentation string, if any.</summary>
    public string? Doc { get; }

    /// <summary>The full name (<c>namespace.name</c>).</summary>
    public string FullName => Name.FullName;

    /// <summary>True when <paramref name="other"/>'s unqualified name equals this type's name or one of its aliases (the resolution rule).</summary>
    internal bool AcceptsNameOf(NamedSchema other) =>
        other.Name.Name == Name.Name || Aliases.Any(a => a.Name == other.Name.Name || a.FullName == other.FullName);
}
