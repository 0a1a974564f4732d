using System.Text.Json;

namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>An enum schema: a named, ordered set of symbols.</summary>
public sealed class EnumSchema : NamedSchema
{
    private readonly Dictionary<string, int> _indexes;

    internal EnumSchema(AvroName name, IReadOnlyList<AvroName> aliases, string? doc, IReadOnlyList<string> symbols,
        string? defaultSymbol, IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
        : base(name, aliases, doc, properties)
    {
        Symbols = symbols;
        Default = defaultSymbol;
        _indexes = new Dictionary<string, int>(symbols.Count, StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            _indexes[symbols[i]] = i;
        }
    }

    /// <inheritdoc/>
    public override AvroType Type => AvroType.Enum;

    /// <summary>The symbols; a value is encoded as its index in this list.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The symbol a reader uses when the writer's symbol is unknown to it, or <see langword="null"/>.</summary>
    public string? Default { get; }

    /// <summary>The index of <paramref name="symbol"/>, or -1 when it is not a symbol of this enum.</summary>
    public int IndexOf(string symbol) => _indexes.TryGetValue(symbol, out var index) ? index : -1;
}
