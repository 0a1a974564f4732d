using System.Text.Json;
using SensorStream.Contracts.Avro.Parsing;

namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>
/// A parsed Avro schema. Instances are immutable once parsing finishes and safe to share between threads;
/// parse one with <see cref="Parse"/>.
/// </summary>
public abstract class AvroSchema
{
    private string? _canonicalForm;
    private string? _json;
    private ulong? _fingerprint;
    private int _minEncodedSize = -1;
    private LogicalType? _logicalType;

    private protected AvroSchema(IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
    {
        Properties = properties;
    }

    /// <summary>The schema type.</summary>
    public abstract AvroType Type { get; }

    /// <summary>
    /// The logical type, or <see langword="null"/> when there is none or it is invalid for the underlying type
    /// (the Avro specification says an invalid logical type is ignored, not an error).
    /// </summary>
    public LogicalType? LogicalType => _logicalType;

    /// <summary>Attributes beyond the ones the type defines (e.g. <c>logicalType</c>, <c>precision</c>, custom ones), in source order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonElement>> Properties { get; }

    /// <summary>The Parsing Canonical Form (Avro specification), used for fingerprints and identity.</summary>
    public string CanonicalForm => _canonicalForm ??= ParsingCanonicalForm.Write(this);

    /// <summary>CRC-64-AVRO fingerprint of <see cref="CanonicalForm"/>.</summary>
    public ulong Fingerprint => _fingerprint ??= Crc64Avro.Compute(CanonicalForm);

    /// <summary>The smallest number of bytes a value of this schema can occupy; bounds collection sizes when decoding.</summary>
    internal int MinEncodedSize
    {
        get
        {
            if (_minEncodedSize < 0)
            {
                _minEncodedSize = MinimumSize.Of(this);
            }
            return _minEncodedSize;
        }
    }

    /// <summary>
    /// Reads the logical type from the properties. Called at the end of the constructors of the types that can carry one
    /// (primitives and fixed), once their type and size are set, so the value is immutable before the schema is shared.
    /// </summary>
    private protected void ResolveLogicalType() =>
        _logicalType = LogicalType.FromProperties(Type, (this as FixedSchema)?.Size ?? 0, Properties);

    /// <summary>Parses a schema from its JSON text.</summary>
    /// <exception cref="AvroSchemaException">The text is not a valid Avro schema; the message names the JSON path and the reason.</exception>
    public static AvroSchema Parse(string json) => AvroSchemaParser.Parse(json);

    /// <summary>
    /// The schema as compact JSON with every attribute kept (docs, defaults, aliases, custom properties); two schemas
    /// with the same text here are the same schema for a registry.
    /// </summary>
    public string ToJson() => _json ??= AvroSchemaJsonWriter.Write(this);

    /// <inheritdoc/>
    public override string ToString() => ToJson();
}
