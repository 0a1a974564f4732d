namespace SensorStream.StreamProcessors.Windows;

/// <summary>
/// Offset ranges of windows that were finished and forgotten. A commit must never land strictly inside such a
/// range: an out-of-order record after the commit point could then rebuild a fragment of the forgotten window on
/// replay and overwrite its full result. <see cref="Adjust"/> moves a candidate commit point back to the start of
/// any range it falls in. Overlapping and touching ranges are merged as they arrive (moving out of one range into
/// another would move again), so a lookup is one logarithmic search however many windows were dropped; ranges
/// wholly before a commit point are pruned.
/// </summary>
internal sealed class DroppedRanges
{
    // Disjoint (First, Last] intervals: a point p is inside when First < p <= Last.
    private readonly SortedSet<(long First, long Last)> _ranges = [];

    /// <summary>Merged ranges currently kept (for tests and memory checks).</summary>
    public int Count => _ranges.Count;

    /// <summary>Remembers a forgotten window's first and last input offsets.</summary>
    public void Add(long first, long last)
    {
        if (last <= first)
        {
            return;
        }
        // Every kept range starting at or before `last` that reaches `first` touches or overlaps the new one.
        var touching = _ranges.GetViewBetween((long.MinValue, long.MinValue), (last, long.MaxValue)).Reverse()
            .TakeWhile(r => r.Last >= first).ToList();
        foreach (var range in touching)
        {
            _ranges.Remove(range);
            first = Math.Min(first, range.First);
            last = Math.Max(last, range.Last);
        }
        _ranges.Add((first, last));
    }

    /// <summary>The largest commit point ≤ <paramref name="candidate"/> that no range straddles.</summary>
    public long Adjust(long candidate)
    {
        var point = candidate;
        if (_ranges.Count > 0 && _ranges.Min.First < point)
        {
            var floor = _ranges.GetViewBetween((long.MinValue, long.MinValue), (point - 1, long.MaxValue)).Max;
            if (floor.First < point && point <= floor.Last)
            {
                point = floor.First;
            }
        }
        while (_ranges.Count > 0 && _ranges.Min.Last < point)
        {
            _ranges.Remove(_ranges.Min);
        }
        return point;
    }
}
