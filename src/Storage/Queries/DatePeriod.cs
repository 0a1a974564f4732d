using System.Globalization;

namespace SensorStream.Storage.Queries;

/// <summary>
/// A UTC period from two calendar bounds written as <c>yyyy</c>, <c>yyyyMM</c> or <c>yyyyMMdd</c> (the legacy query
/// convention): from the start of the first through the end of the second, so <c>202611</c>–<c>202611</c> is all of
/// November 2026 and <c>2025</c>–<c>20260115</c> runs from 1 January 2025 to the end of 15 January 2026.
/// </summary>
/// <param name="Start">Inclusive start, UTC midnight.</param>
/// <param name="End">Exclusive end, UTC midnight.</param>
public readonly record struct DatePeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Parses the two bounds; throws <see cref="InvalidQueryException"/> naming the bad one.</summary>
    public static DatePeriod Parse(string? startDate, string? endDate, string startName = "start_date", string endName = "end_date")
    {
        var (start, _) = Bound(startDate, startName);
        var (endStart, endLength) = Bound(endDate, endName);
        var end = endLength(endStart);
        if (end <= start)
        {
            throw new InvalidQueryException(endName, $"{endName} {endDate} ends before {startName} {startDate} begins");
        }
        return new DatePeriod(start, end);
    }

    /// <summary>The start of a bound and how to reach the end of the calendar unit it names.</summary>
    private static (DateTimeOffset Start, Func<DateTimeOffset, DateTimeOffset> Through) Bound(string? text, string name)
    {
        var value = text?.Trim() ?? "";
        var (format, through) = value.Length switch
        {
            4 => ("yyyy", (Func<DateTimeOffset, DateTimeOffset>)(d => d.AddYears(1))),
            6 => ("yyyyMM", d => d.AddMonths(1)),
            8 => ("yyyyMMdd", d => d.AddDays(1)),
            _ => (null, null!),
        };
        if (format is null || !value.All(char.IsAsciiDigit)
            || !DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            throw new InvalidQueryException(name, $"{name} '{text}' is not a date written as yyyy, yyyyMM or yyyyMMdd");
        }
        return (new DateTimeOffset(parsed, TimeSpan.Zero), through);
    }
}
