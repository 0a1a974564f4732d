using System.Globalization;
using System.Text.RegularExpressions;

namespace SensorStream.Producers.Import.Parsing;

/// <summary>Reads a time zone as a user gives it: an IANA name (<c>Asia/Seoul</c>), <c>UTC</c>, or a fixed offset (<c>+09:00</c>, <c>UTC+9</c>).</summary>
public static partial class TimeZoneParser
{
    /// <summary>The zone <paramref name="text"/> names.</summary>
    /// <exception cref="FormatException">It names no zone this machine knows.</exception>
    public static TimeZoneInfo Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("UTC", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("Z", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }
        if (FixedOffset().Match(trimmed) is { Success: true } match)
        {
            var hours = int.Parse(match.Groups["h"].ValueSpan, CultureInfo.InvariantCulture);
            var minutes = match.Groups["m"].Success ? int.Parse(match.Groups["m"].ValueSpan, CultureInfo.InvariantCulture) : 0;
            if (hours > 14 || minutes > 59)
            {
                throw new FormatException($"time zone '{text}' is not an offset between -14:00 and +14:00");
            }
            var offset = new TimeSpan(hours, minutes, 0) * (match.Groups["sign"].Value == "-" ? -1 : 1);
            return TimeZoneInfo.CreateCustomTimeZone($"UTC{trimmed}", offset, $"UTC{offset:\\+hh\\:mm}", $"UTC{offset:\\+hh\\:mm}");
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(trimmed);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"time zone '{text}' is neither a zone name this machine knows (e.g. Asia/Seoul, Europe/Berlin) nor an offset such as +09:00");
        }
    }

    [GeneratedRegex(@"^(?:UTC|GMT)?(?<sign>[+-])(?<h>\d{1,2})(?::?(?<m>\d{2}))?$", RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase)]
    private static partial Regex FixedOffset();
}
