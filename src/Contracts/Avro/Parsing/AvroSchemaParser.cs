using System.Text.Json;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Parsing;

/// <summary>
/// Parses Avro schema JSON per the Avro 1.11 specification: names and namespaces, named-type references (including recursive
/// ones), unions, logical types and default values, each checked with an error that says where and why.
/// </summary>
public static class AvroSchemaParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    /// <summary>Parses schema JSON text.</summary>
    /// <exception cref="AvroSchemaException">The text is not a valid schema.</exception>
    public static AvroSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new AvroSchemaException("$", $"not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    /// <summary>Parses a schema from a JSON element. The element is copied where kept, so its document may be disposed afterwards.</summary>
    /// <exception cref="AvroSchemaException">The element is not a valid schema.</exception>
    public static AvroSchema Parse(JsonElement element) => new SchemaReader().Read(element, null, "$");
}
