using System.CommandLine.Parsing;
using System.Globalization;

namespace SensorStream.Cli.Commands;

/// <summary>Parses durations as people type them: <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>, <c>500ms</c>, or <c>hh:mm:ss</c>.</summary>
internal static class DurationParser
{
    public static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }
        result.AddError($"'{text}' is not a positive duration (examples: 90s, 5m, 2h, 1d, 00:10:00)");
        return null;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        foreach (var (suffix, unit) in new[] { ("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0), ("d", 86400.0) })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                value = TimeSpan.FromSeconds(amount * unit);
                return true;
            }
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }
}
