using System.Globalization;

namespace SensorStream.StreamProcessors.Windows;

/// <summary>
/// An event-time window shape: <see cref="Size"/> long, starting every <see cref="Advance"/> (tumbling when they are
/// equal, hopping when the advance is shorter). Windows are aligned to the Unix epoch, so every processor instance
/// cuts the same windows. Written as <c>1m</c>, <c>1h</c> or <c>5m/1m</c> (size/advance) in configuration.
/// </summary>
public sealed record WindowSpec(TimeSpan Size, TimeSpan Advance)
{
    /// <summary>A tumbling window of <paramref name="size"/>.</summary>
    public static WindowSpec Tumbling(TimeSpan size) => new(size, size);

    /// <summary>Whether windows overlap (hopping).</summary>
    public bool IsHopping => Advance < Size;

    /// <summary>Window starts (UTC ticks) of every window containing <paramref name="time"/>, latest first.</summary>
    public IEnumerable<long> StartsContaining(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var advance = Advance.Ticks;
        var latest = ticks - (((ticks % advance) + advance) % advance);
        for (var start = latest; start > ticks - Size.Ticks; start -= advance)
        {
            yield return start + DateTimeOffset.UnixEpoch.UtcTicks;
        }
    }

    /// <summary>Parses <c>30s</c>, <c>1m</c>, <c>1h</c>, <c>1d</c>, <c>hh:mm:ss</c>, or <c>size/advance</c> for hopping windows.</summary>
    /// <exception cref="FormatException">Not a window, or an advance that is zero, longer than the size, or does not divide it.</exception>
    public static WindowSpec Parse(string text)
    {
        var parts = text.Split('/', 2);
        var size = ParseDuration(parts[0], text);
        var advance = parts.Length == 2 ? ParseDuration(parts[1], text) : size;
        if (advance > size || size.Ticks % advance.Ticks != 0)
        {
            throw new FormatException($"window '{text}': the advance must divide the size and not exceed it");
        }
        return new WindowSpec(size, advance);
    }

    private static TimeSpan ParseDuration(string text, string whole)
    {
        text = text.Trim();
        foreach (var (suffix, unit) in new[] { ("ms", TimeSpan.FromMilliseconds(1)), ("s", TimeSpan.FromSeconds(1)), ("m", TimeSpan.FromMinutes(1)), ("h", TimeSpan.FromHours(1)), ("d", TimeSpan.FromDays(1)) })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
            {
                return unit * amount;
            }
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new FormatException($"window '{whole}': '{text}' is not a positive duration (30s, 1m, 1h, 1d or hh:mm:ss)");
    }

    /// <summary>The configuration form, e.g. <c>1m</c> or <c>5m/1m</c>.</summary>
    public override string ToString() => IsHopping ? $"{Format(Size)}/{Format(Advance)}" : Format(Size);

    private static string Format(TimeSpan span) =>
        span.TotalDays >= 1 && span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.TotalDays:0}d"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{span.TotalHours:0}h"
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{span.TotalMinutes:0}m"
        : span.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{span.TotalSeconds:0}s"
        : $"{span.TotalMilliseconds:0}ms";
}
