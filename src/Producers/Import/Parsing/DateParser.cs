using System.Globalization;
using System.Text.RegularExpressions;

namespace SensorStream.Producers.Import.Parsing;

/// <summary>
/// Reads dates and date-times the way people and spreadsheets write them, so a file is not refused for its date style.
/// Built in, year first: ISO 8601 (<c>2026-03-02</c>, <c>2026-03-02T14:05:09.5+09:00</c>), <c>2026.03.02</c>,
/// <c>2026. 3. 2.</c>, <c>2026/03/02</c>, <c>20260302</c> (and <c>20260302140509</c>), Korean
/// <c>2026년 3월 2일 오후 2시 5분 9초</c>; day first with a slash or dot (<c>02/03/2026</c>, <c>2.3.2026</c>) — never month
/// first, which looks the same for 12 days of every month. Times are <c>H:mm[:ss[.fff]]</c> (or <c>HHmmss</c> right after
/// a compact date), optionally with AM/PM or 오전/오후 and a weekday in brackets (<c>(월)</c>). A time with an offset
/// (<c>Z</c>, <c>+09:00</c>, <c>+0900</c>, <c>UTC</c>, <c>KST</c>) is taken as written; one without is local time in
/// <see cref="Zone"/> (UTC unless given). Extra formats (.NET custom format strings, e.g. <c>MM/dd/yyyy</c>) are
/// tried first; when any is given, the day-first forms are off, so one file is never read in two date orders.
/// </summary>
public sealed partial class DateParser
{
    /// <summary>The date forms accepted without extra formats, for messages.</summary>
    public const string BuiltInDateForms = "yyyy-MM-dd, yyyy.MM.dd, yyyy/MM/dd, yyyyMMdd, yyyy년 M월 d일, dd/MM/yyyy or dd.MM.yyyy";

    private readonly string[] _formats;

    /// <summary>Creates a parser.</summary>
    /// <param name="formats">Extra .NET custom date or date-time formats, tried before the built-in forms (which then exclude day-first dates).</param>
    /// <param name="zone">Time zone of date-times written without an offset. Default UTC.</param>
    public DateParser(IReadOnlyList<string>? formats = null, TimeZoneInfo? zone = null)
    {
        _formats = [.. formats ?? []];
        Zone = zone ?? TimeZoneInfo.Utc;
        foreach (var format in _formats)
        {
            if (string.IsNullOrWhiteSpace(format))
            {
                throw new FormatException("a --date-format is empty");
            }
            try
            {
                _ = new DateTime(2026, 12, 31, 23, 59, 58, DateTimeKind.Unspecified).ToString(format, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw new FormatException($"--date-format '{format}' is not a .NET custom date format (e.g. MM/dd/yyyy, dd-MM-yy HH:mm)");
            }
        }
    }

    /// <summary>The time zone of date-times written without an offset.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>What this parser accepts as a date, for messages.</summary>
    public string DateForms => _formats.Length == 0
        ? BuiltInDateForms
        : $"{string.Join(", ", _formats)} (--date-format), or yyyy-MM-dd, yyyy.MM.dd, yyyy/MM/dd, yyyyMMdd, yyyy년 M월 d일";

    /// <summary>
    /// Reads a calendar date. A time after it is accepted only when it is midnight (spreadsheets export dates as
    /// <c>2026-03-02 00:00:00</c>); any other time means the column is not a date.
    /// </summary>
    public bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        foreach (var format in _formats)
        {
            if (DateTime.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed.TimeOfDay == TimeSpan.Zero)
            {
                date = DateOnly.FromDateTime(parsed);
                return true;
            }
        }
        if (!TryParseParts(text, out var parts) || parts.Offset is not null || parts.Time != TimeSpan.Zero)
        {
            return false;
        }
        date = parts.Date;
        return true;
    }

    /// <summary>
    /// Reads a date with an optional time (midnight when absent) and offset (<see cref="Zone"/> when absent), as UTC.
    /// Unix time is accepted too, as 10 digits (seconds) or 13 (milliseconds), which no date form has.
    /// </summary>
    public bool TryParseDateTime(string text, out DateTimeOffset time)
    {
        time = default;
        var trimmed = text.Trim();
        if (trimmed.Length is 10 or 13 && trimmed.All(char.IsAsciiDigit))
        {
            var number = long.Parse(trimmed, CultureInfo.InvariantCulture);
            time = trimmed.Length == 10 ? DateTimeOffset.FromUnixTimeSeconds(number) : DateTimeOffset.FromUnixTimeMilliseconds(number);
            return true;
        }
        foreach (var format in _formats)
        {
            var explicitOffset = format.Contains('z', StringComparison.Ordinal) || format.Contains('K', StringComparison.Ordinal);
            if (explicitOffset && DateTimeOffset.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            {
                time = withOffset.ToUniversalTime();
                return true;
            }
            if (!explicitOffset && DateTime.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                time = InZone(local);
                return true;
            }
        }
        if (!TryParseParts(text, out var parts))
        {
            return false;
        }
        var wallClock = parts.Date.ToDateTime(TimeOnly.MinValue).Add(parts.Time);
        time = parts.Offset is { } offset
            ? new DateTimeOffset(wallClock, offset).ToUniversalTime()
            : InZone(wallClock);
        return true;
    }

    /// <summary>The instant a wall-clock time in <see cref="Zone"/> stands for.</summary>
    public DateTimeOffset InZone(DateTime wallClock)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    private bool TryParseParts(string text, out (DateOnly Date, TimeSpan Time, TimeSpan? Offset) parts)
    {
        parts = default;
        var match = DateTimePattern().Match(Whitespace().Replace(text.Trim(), " "));
        if (!match.Success)
        {
            return false;
        }
        var dayFirst = match.Groups["dd"].Success;
        if (dayFirst && _formats.Length > 0)
        {
            return false;
        }
        var year = Number(match, dayFirst ? "dy" : "y");
        var month = Number(match, dayFirst ? "dm" : "m");
        var day = Number(match, dayFirst ? "dd" : "d");
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        if (!TryTime(match, out var time) || !TryOffset(match, out var offset))
        {
            return false;
        }
        parts = (new DateOnly(year, month, day), time, offset);
        return true;
    }

    private static bool TryTime(Match match, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        if (!match.Groups["H"].Success)
        {
            // A lone AM/PM marker or seconds without a time are not a time.
            return !match.Groups["ampm"].Success && !match.Groups["ampm2"].Success;
        }
        var hour = Number(match, "H");
        var minute = match.Groups["M"].Success ? Number(match, "M") : 0;
        var second = match.Groups["S"].Success ? Number(match, "S") : 0;
        var marker = match.Groups["ampm"].Success ? match.Groups["ampm"].Value : match.Groups["ampm2"].Success ? match.Groups["ampm2"].Value : null;
        if (marker is not null)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }
            var pm = marker is "오후" || marker.StartsWith('P') || marker.StartsWith('p');
            hour = (hour % 12) + (pm ? 12 : 0);
        }
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        time = new TimeSpan(hour, minute, second);
        if (match.Groups["F"].Success)
        {
            var digits = match.Groups["F"].Value[1..];
            time += TimeSpan.FromTicks(long.Parse(digits.PadRight(7, '0')[..7], CultureInfo.InvariantCulture));
        }
        return true;
    }

    private static bool TryOffset(Match match, out TimeSpan? offset)
    {
        offset = null;
        var zone = match.Groups["zone"];
        if (!zone.Success)
        {
            return true;
        }
        switch (zone.Value.ToUpperInvariant())
        {
            case "Z" or "UTC" or "GMT":
                offset = TimeSpan.Zero;
                return true;
            case "KST":
                offset = TimeSpan.FromHours(9);
                return true;
        }
        var hours = Number(match, "oh");
        var minutes = match.Groups["om"].Success ? Number(match, "om") : 0;
        if (hours > 14 || minutes > 59)
        {
            return false;
        }
        offset = new TimeSpan(hours, minutes, 0) * (match.Groups["sign"].Value == "-" ? -1 : 1);
        return true;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    // One pattern for every built-in form: a date (year first with -./ or Korean units, compact, or day first), an
    // optional weekday, an optional time (colons or Korean units after a space or T, or compact right after a compact
    // date) with AM/PM, an optional offset.
    [GeneratedRegex("""
        ^(?:
            (?<y>\d{4})(?<sep>-|\.\ ?|/)(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})\.?
          | (?<y>\d{4})\ ?년\ ?(?<m>\d{1,2})\ ?월\ ?(?<d>\d{1,2})\ ?일
          | (?<y>\d{4})(?<m>\d{2})(?<d>\d{2})
          | (?<dd>\d{1,2})(?<dsep>[./])(?<dm>\d{1,2})\k<dsep>(?<dy>\d{4})
        )
        (?:\ ?\((?:월|화|수|목|금|토|일|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\)|\ [월화수목금토일]요일)?
        (?:
            [\ T]
            (?:(?<ampm>오전|오후|AM|PM|am|pm)\ ?)?
            (?:
                (?<H>\d{1,2}):(?<M>\d{2})(?::(?<S>\d{2})(?<F>[.,]\d{1,9})?)?
              | (?<H>\d{1,2})\ ?시(?:\ ?(?<M>\d{1,2})\ ?분)?(?:\ ?(?<S>\d{1,2})\ ?초)?
              | (?<=^\d{8}T)(?<H>\d{2})(?<M>\d{2})(?<S>\d{2})?
            )
            (?:\ ?(?<ampm2>AM|PM|am|pm|오전|오후))?
          | (?<=^\d{8})(?<H>\d{2})(?<M>\d{2})(?<S>\d{2})?
        )?
        (?:\ ?(?<zone>Z|UTC|GMT|KST|(?<sign>[+-])(?<oh>\d{2})(?::?(?<om>\d{2}))?))?
        $
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
