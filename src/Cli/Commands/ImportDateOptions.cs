using System.CommandLine;
using SensorStream.Producers.Import.Parsing;

namespace SensorStream.Cli.Commands;

/// <summary>How an import reads dates and times: <c>--date-format</c> (repeatable) and <c>--time-zone</c>.</summary>
internal sealed class ImportDateOptions
{
    public Option<string[]> Formats { get; } = new("--date-format")
    {
        Description = "A date or date-time format for dates the built-in forms do not cover (.NET custom format, e.g. MM/dd/yyyy or \"dd-MM-yy HH:mm\"; repeatable). " +
            "Built in: ISO 8601, yyyy.MM.dd, yyyy/MM/dd, yyyyMMdd, 2026년 3월 2일 (with 오전/오후 times), dd/MM/yyyy, dd.MM.yyyy; day-first forms are off once a format is given.",
    };

    public Option<string?> TimeZone { get; } = new("--time-zone")
    {
        Description = "Zone of times written without an offset: a zone name (Asia/Seoul) or an offset (+09:00). Default UTC.",
    };

    public Option[] All => [Formats, TimeZone];

    /// <summary>The parser these options describe; throws <see cref="FormatException"/> for a bad format or zone.</summary>
    public DateParser Parser(ParseResult parseResult) =>
        new(parseResult.GetValue(Formats), parseResult.GetValue(TimeZone) is { } zone ? TimeZoneParser.Parse(zone) : null);
}
