namespace SensorStream.StreamProcessors.Rollup;

/// <summary>
/// The watermarks of the input partitions feeding a rollup partition. A window of an entity can still receive sensor
/// results from any source whose watermark has not passed the window's end, so the rollup's watermark is the minimum
/// over all <c>expectedSources</c> — the slowest holds windows open, a fast one cannot close them early — and stays
/// at the beginning of time until every source has been heard from. On wall-clock ticks only, a source silent for
/// longer than the idle timeout (or never heard from by then) stops holding windows, so a quiet partition cannot
/// stall the rollup.
/// </summary>
internal sealed class SourceWatermarks(int expectedSources, TimeSpan idleTimeout, DateTimeOffset started)
{
    private readonly Dictionary<string, (DateTimeOffset Watermark, long Offset, DateTimeOffset LastSeen)> _sources = new(StringComparer.Ordinal);

    /// <summary>Records a source's watermark as carried by a record at <paramref name="offset"/>.</summary>
    public void Observe(string source, DateTimeOffset watermark, long offset, DateTimeOffset now)
    {
        var previous = _sources.GetValueOrDefault(source);
        _sources[source] = (watermark > previous.Watermark ? watermark : previous.Watermark, offset, now);
    }

    /// <summary>The minimum over every expected source (what record processing uses, so it does not depend on the clock).</summary>
    public DateTimeOffset Current => _sources.Count < expectedSources ? DateTimeOffset.MinValue : _sources.Values.Min(s => s.Watermark);

    /// <summary>The minimum over sources heard from within the idle timeout (for wall-clock ticks).</summary>
    public DateTimeOffset CurrentIgnoringIdle(DateTimeOffset now)
    {
        if (_sources.Count < expectedSources && now - started < idleTimeout)
        {
            return DateTimeOffset.MinValue;
        }
        var active = _sources.Values.Where(s => now - s.LastSeen < idleTimeout).ToList();
        if (active.Count > 0)
        {
            return active.Min(s => s.Watermark);
        }
        return _sources.Count == 0 ? DateTimeOffset.MinValue : _sources.Values.Max(s => s.Watermark);
    }

    /// <summary>The oldest offset carrying a source's latest watermark: replay from there rebuilds every source's watermark.</summary>
    public long? OldestOffset => _sources.Count == 0 ? null : _sources.Values.Min(s => s.Offset);
}
