namespace SensorStream.Contracts.Csv;

/// <summary>A CSV row that cannot be read, with the line it is on.</summary>
public sealed class CsvFormatException(long lineNumber, string message) : FormatException($"line {lineNumber}: {message}")
{
    /// <summary>1-based line number in the file.</summary>
    public long LineNumber { get; } = lineNumber;

    /// <summary>The reason without the line prefix.</summary>
    public string Reason { get; } = message;
}
