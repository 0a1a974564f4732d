namespace SensorStream.Contracts.Avro.Parsing;

/// <summary>A schema text that is not a valid Avro schema. The message names where (a JSON path) and why.</summary>
public sealed class AvroSchemaException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="path"/>.</summary>
    public AvroSchemaException(string path, string reason, Exception? inner = null)
        : base($"{reason} (at {path})", inner)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>JSON path of the offending element, e.g. <c>$.fields[2].type</c>.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; }
}
