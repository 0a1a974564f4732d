namespace SensorStream.StreamProcessors.Rollup;

/// <summary>
/// The watermarks of the input partitions feeding a rollup partition, as the records on the rollup topic report them
/// (sensor windows, and heartbeats every source sends to every rollup partition). A window of an entity can still
/// receive sensor results from any source whose watermark has not passed the window's end, so the rollup's watermark
/// is the minimum over all <c>expectedSources</c> — the slowest holds windows open, a fast one cannot close them early
/// — and stays at the beginning of time until every source has been heard from. A source without any reading says
/// so and holds nothing open; an idle source's watermark moves on with its own idle clock upstream. Nothing here
/// reads the clock, so replaying the rollup topic rebuilds exactly the same state.
/// </summary>
internal sealed class SourceWatermarks(int expectedSources)
{
    private readonly Dictionary<string, (DateTimeOffset? Watermark, long Offset)> _sources = new(StringComparer.Ordinal);
    private DateTimeOffset? _current; // cached minimum; null after a change

    /// <summary>
    /// Records a source's watermark (null: the source has never had data) as carried by a record at
    /// <paramref name="offset"/>. Watermarks only move forward, and a source that once had data keeps holding.
    /// </summary>
    public void Observe(string source, DateTimeOffset? watermark, long offset)
    {
        var previous = _sources.GetValueOrDefault(source).Watermark;
        var next = previous is null ? watermark : watermark is null || watermark < previous ? previous : watermark;
        _sources[source] = (next, offset);
        _current = null;
    }

    /// <summary>The minimum over every expected source that has data; the beginning of time until all were heard from.</summary>
    public DateTimeOffset Current => _current ??= Compute();

    private DateTimeOffset Compute()
    {
        if (_sources.Count < expectedSources)
        {
            return DateTimeOffset.MinValue;
        }
        DateTimeOffset? minimum = null;
        foreach (var (watermark, _) in _sources.Values)
        {
            if (watermark is { } w && (minimum is null || w < minimum))
            {
                minimum = w;
            }
        }
        return minimum ?? DateTimeOffset.MinValue;
    }

    /// <summary>The oldest offset carrying a source's latest watermark: replay from there rebuilds every source's watermark.</summary>
    public long? OldestOffset => _sources.Count == 0 ? null : _sources.Values.Min(s => s.Offset);
}
