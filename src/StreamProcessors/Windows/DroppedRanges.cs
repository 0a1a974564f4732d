namespace SensorStream.StreamProcessors.Windows;

/// <summary>
/// Offset ranges of windows that were finished and forgotten. A commit must never land strictly inside such a
/// range: an out-of-order record after the commit point could then rebuild a fragment of the forgotten window on
/// replay and overwrite its full result. <see cref="Adjust"/> moves a candidate commit point back to the start of
/// any range it falls in; ranges wholly before the point are pruned.
/// </summary>
internal sealed class DroppedRanges
{
    private readonly List<(long First, long Last)> _ranges = [];

    /// <summary>Remembers a forgotten window's first and last input offsets.</summary>
    public void Add(long first, long last)
    {
        if (last > first)
        {
            _ranges.Add((first, last));
        }
    }

    /// <summary>The largest commit point ≤ <paramref name="candidate"/> that no range straddles.</summary>
    public long Adjust(long candidate)
    {
        var point = candidate;
        bool moved;
        do
        {
            moved = false;
            foreach (var (first, last) in _ranges)
            {
                if (first < point && point <= last)
                {
                    point = first;
                    moved = true;
                }
            }
        }
        while (moved);
        _ranges.RemoveAll(r => r.Last < point);
        return point;
    }
}
