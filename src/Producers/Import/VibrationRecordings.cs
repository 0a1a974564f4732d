using System.Globalization;
using System.Text;
using SensorStream.Contracts.Csv;

namespace SensorStream.Producers.Import;

/// <summary>
/// What a legacy vibration import needs to know before it starts: how long a recording runs (its first and last Time
/// value, read from the head and the tail of the file without reading it all), and the event time it starts at when
/// the user gives none.
/// </summary>
public static class VibrationRecordings
{
    private const int TailBytes = 64 * 1024;

    /// <summary>
    /// The default event time of Time = 0: midnight (UTC) today, or an earlier midnight when the longest recording would
    /// otherwise end after <paramref name="now"/>. Recent, so retention keeps it and dashboards show it; never ahead
    /// of the clock, so processors accept it; the same all day, so importing a file twice on one day gives the same
    /// events (which the sink upserts). <c>--start</c> overrides it.
    /// </summary>
    public static DateTimeOffset DefaultStart(DateTimeOffset now, TimeSpan longestRecording)
    {
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        while (start + longestRecording > now)
        {
            start = start.AddDays(-1);
        }
        return start;
    }

    /// <summary>The recording's length (last Time − first Time), or zero when the file's head or tail cannot be read as the legacy layout.</summary>
    public static TimeSpan Span(string path, Encoding encoding)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        double first, last;
        int timeIndex;
        using (var head = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true))
        {
            var csv = new CsvReader(head);
            try
            {
                var header = csv.Read();
                timeIndex = header?.Fields.ToList().FindIndex(f => f.Trim().Equals("time", StringComparison.OrdinalIgnoreCase)) ?? -1;
                if (timeIndex < 0 || csv.Read() is not { } row || !TryTime(row.Fields, timeIndex, out first))
                {
                    return TimeSpan.Zero;
                }
            }
            catch (Exception e) when (e is CsvFormatException or DecoderFallbackException)
            {
                return TimeSpan.Zero;
            }
        }
        stream.Seek(Math.Max(0, stream.Length - TailBytes), SeekOrigin.Begin);
        // The seek may land inside a character: a lenient decoder turns that fragment into U+FFFD on a line not read.
        using (var tail = new StreamReader(stream, Encoding.GetEncoding(encoding.CodePage), detectEncodingFromByteOrderMarks: false, 1 << 16))
        {
            string? lastLine = null;
            for (var line = tail.ReadLine(); line is not null; line = tail.ReadLine())
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    lastLine = line;
                }
            }
            if (lastLine is null || !TryTime(lastLine.Split(','), timeIndex, out last) || last < first)
            {
                return TimeSpan.Zero;
            }
        }
        return TimeSpan.FromSeconds(last - first);
    }

    private static bool TryTime(IReadOnlyList<string> fields, int index, out double seconds)
    {
        seconds = 0;
        return index < fields.Count
            && double.TryParse(fields[index].Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
            && double.IsFinite(seconds);
    }
}
