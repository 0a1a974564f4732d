namespace SensorStream.StreamProcessors.Windows;

/// <summary>
/// Kept windows in the order they were opened, which (offsets only grow within a partition) is the order of their
/// first offsets, so the oldest one a commit must wait for is found without scanning every window. One queue per
/// <typeparamref name="TLifetime"/> (the window's size): windows of one size are forgotten in about the order they
/// were opened, while one long window at the front of a shared queue would pin every short one behind it — an hour of
/// one-minute windows held for nothing.
/// </summary>
internal sealed class WindowsByAge<TLifetime>
    where TLifetime : notnull
{
    private readonly Dictionary<TLifetime, Queue<IReplayedWindow>> _queues = [];

    /// <summary>Records a newly opened window.</summary>
    public void Opened(TLifetime lifetime, IReplayedWindow window)
    {
        if (!_queues.TryGetValue(lifetime, out var queue))
        {
            _queues[lifetime] = queue = new Queue<IReplayedWindow>();
        }
        queue.Enqueue(window);
    }

    /// <summary>The first offset the oldest kept window needs, or null when none is kept; forgets dropped windows on the way.</summary>
    public long? OldestFirstOffset()
    {
        long? oldest = null;
        foreach (var queue in _queues.Values)
        {
            while (queue.TryPeek(out var front) && front.Dropped)
            {
                queue.Dequeue();
            }
            if (queue.TryPeek(out var live) && (oldest is null || live.FirstOffset < oldest))
            {
                oldest = live.FirstOffset;
            }
        }
        return oldest;
    }
}
