using System.Globalization;

namespace SensorStream.Cli.Commands;

/// <summary>
/// Parses a point in time typed on the command line: ISO 8601 (<c>2026-12-01T09:00:00+09:00</c>, <c>…Z</c>), the dotted and
/// slashed forms Korean users type (<c>2026.12.01 09:00</c>, <c>2026/12/01</c>), compact <c>20261201</c>, or Unix epoch
/// milliseconds. A time without an offset is the machine's local time, as in Kafka's <c>--to-datetime</c>.
/// </summary>
internal static class TimeArgument
{
    private static readonly string[] Dates = ["yyyy-MM-dd", "yyyy.MM.dd", "yyyy/MM/dd", "yyyyMMdd", "yyyy. M. d."];
    private static readonly string[] Times = ["", "'T'HH:mm", "'T'HH:mm:ss", "'T'HH:mm:ss.FFFFFFF", " HH:mm", " HH:mm:ss", " HH:mm:ss.FFFFFFF"];
    private static readonly string[] Offsets = ["", "zzz", "'Z'"];
    private static readonly string[] Formats = [.. Dates.SelectMany(d => Times.SelectMany(t => Offsets.Select(o => d + t + o)))];

    /// <summary>Parses <paramref name="text"/>; false when it is none of the accepted forms.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        var trimmed = text.Trim();
        if (trimmed.Length >= 12 && trimmed.All(char.IsAsciiDigit) && long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            && millis <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            value = DateTimeOffset.FromUnixTimeMilliseconds(millis);
            return true;
        }
        return DateTimeOffset.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal | DateTimeStyles.AllowWhiteSpaces, out value);
    }

    /// <summary>The accepted forms, for error messages and help.</summary>
    public const string Examples = "2026-12-01T09:00:00+09:00, 2026-12-01T00:00Z, 2026.12.01 09:00, 2026/12/01, 20261201, or epoch milliseconds";
}
