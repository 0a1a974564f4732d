namespace SensorStream.StreamProcessors.Windows;

/// <summary>
/// Event-time windows of value summaries per (entity, metric, window shape), for one partition. A window is
/// emitted when the watermark passes its end, re-emitted when an event inside the allowed lateness changes it,
/// then kept for <see cref="WindowingOptions.LateRetention"/> to count later events (re-emitted with the new late
/// count), then dropped. Emissions come out in a deterministic order (by deadline, then by when the window was
/// opened), so replaying the same input gives the same output. <see cref="SafeCommitOffset"/> is the furthest
/// offset a commit may record: no kept window needs anything before it, and no forgotten window straddles it, so a
/// restarted processor rebuilds every window it will see whole.
/// </summary>
internal sealed class WindowedAggregator(IReadOnlyList<WindowSpec> specs, WindowingOptions options)
{
    private readonly Dictionary<WindowKey, WindowState> _windows = [];
    private readonly PriorityQueue<WindowKey, (long Deadline, long Sequence)> _deadlines = new();
    private readonly DroppedRanges _dropped = new();
    private readonly WindowsByAge<WindowSpec> _byAge = new();
    private long _sequence;

    /// <summary>Windows currently kept (open, fired or retained).</summary>
    public int WindowCount => _windows.Count;

    /// <summary>The first offset a kept window depends on, or null when none is kept.</summary>
    public long? OldestOffset => _byAge.OldestFirstOffset();

    /// <summary>The furthest offset that may be committed given <paramref name="next"/>, the offset after the last record processed.</summary>
    public long SafeCommitOffset(long next) => _dropped.Adjust(Math.Min(next, OldestOffset ?? long.MaxValue));

    /// <summary>
    /// Adds <paramref name="values"/> at <paramref name="time"/> to every window containing it. Windows already past
    /// their allowed lateness count it as late (emitting their new late count into <paramref name="results"/>).
    /// Returns how many windows took the values and how many rejected them as late.
    /// </summary>
    public (int Accepted, int Late) Add(string entity, string metric, DateTimeOffset time, ValueSummary values, long offset,
        DateTimeOffset watermark, List<WindowResult> results)
    {
        int accepted = 0, late = 0;
        foreach (var spec in specs)
        {
            foreach (var startTicks in spec.StartsContaining(time))
            {
                var key = new WindowKey(entity, metric, spec, startTicks);
                var start = new DateTimeOffset(startTicks, TimeSpan.Zero);
                var end = start + spec.Size;
                var acceptsUntil = end + options.AllowedLateness;
                if (_windows.TryGetValue(key, out var state))
                {
                    if (watermark >= acceptsUntil)
                    {
                        state.LateCount++;
                        late++;
                        results.Add(Result(key, state, isUpdate: true));
                        continue;
                    }
                    state.Values = state.Values.Merge(values);
                    state.FirstOffset = Math.Min(state.FirstOffset, offset);
                    state.LastOffset = Math.Max(state.LastOffset, offset);
                    accepted++;
                    if (state.Fired)
                    {
                        results.Add(Result(key, state, isUpdate: true));
                    }
                    continue;
                }
                if (watermark >= acceptsUntil)
                {
                    late++; // the window is gone (or never had data): nothing to update
                    continue;
                }
                var opened = new WindowState { Values = values, FirstOffset = offset, LastOffset = offset };
                _windows[key] = opened;
                _byAge.Opened(spec, opened);
                _deadlines.Enqueue(key, (end.UtcTicks, _sequence++));
                accepted++;
            }
        }
        return (accepted, late);
    }

    /// <summary>Fires, finalises and drops windows whose deadlines the watermark has passed.</summary>
    public void Advance(DateTimeOffset watermark, List<WindowResult> results)
    {
        while (_deadlines.TryPeek(out var key, out var due) && due.Deadline <= watermark.UtcTicks)
        {
            _deadlines.Dequeue();
            var state = _windows[key];
            var end = new DateTimeOffset(key.StartTicks, TimeSpan.Zero) + key.Spec.Size;
            switch (state.Phase)
            {
                case Phase.Open:
                    state.Phase = Phase.Fired;
                    results.Add(Result(key, state, isUpdate: false));
                    _deadlines.Enqueue(key, ((end + options.AllowedLateness).UtcTicks, _sequence++));
                    break;
                case Phase.Fired:
                    state.Phase = Phase.Final;
                    _deadlines.Enqueue(key, ((end + options.AllowedLateness + options.LateRetention).UtcTicks, _sequence++));
                    break;
                default:
                    _windows.Remove(key);
                    state.Dropped = true;
                    _dropped.Add(state.FirstOffset, state.LastOffset);
                    break;
            }
        }
    }

    private static WindowResult Result(WindowKey key, WindowState state, bool isUpdate)
    {
        var start = new DateTimeOffset(key.StartTicks, TimeSpan.Zero);
        return new WindowResult(key.Entity, key.Metric, key.Spec, start, start + key.Spec.Size, state.Values, state.LateCount, isUpdate);
    }

    private enum Phase
    {
        Open,
        Fired,
        Final,
    }

    private readonly record struct WindowKey(string Entity, string Metric, WindowSpec Spec, long StartTicks);

    private sealed class WindowState : IReplayedWindow
    {
        public bool Dropped { get; set; }

        public ValueSummary Values { get; set; }

        public long FirstOffset { get; set; }

        public long LastOffset { get; set; }

        public long LateCount { get; set; }

        public Phase Phase { get; set; }

        public bool Fired => Phase != Phase.Open;
    }
}
