namespace SensorStream.Contracts.Csv;

/// <summary>One parsed CSV row: its 1-based line number in the file, the raw text and its fields.</summary>
public sealed record CsvRow(long LineNumber, string Text, IReadOnlyList<string> Fields);
