using SensorStream.Contracts.Events;
using SensorStream.StreamProcessors.Rollup;

namespace SensorStream.StreamProcessors.Environment;

/// <summary>
/// The rollup's combiner on the environment side: per ancestor window, this partition's sensors' results combined
/// into one partial, so one record per (ancestor, metric, window) crosses to the rollup instead of one per sensor — a
/// factory's 2 500 sensors in six partitions send six partials, not 2 500. Sensor results are kept until the
/// aggregator itself forgets the window (<c>window end + allowed lateness + late retention</c>), so a late update of
/// one sensor re-sends the partition's whole partial, which replaces the earlier one at the rollup.
/// </summary>
internal sealed class AncestorPartials(TimeSpan retention)
{
    private readonly Dictionary<RollupKey, RollupWindow> _windows = [];
    private readonly PriorityQueue<RollupKey, long> _expiries = new();
    private readonly List<RollupKey> _changed = [];
    private readonly HashSet<RollupKey> _changedSet = [];

    /// <summary>Ancestor windows held, for metrics and tests.</summary>
    public int Count => _windows.Count;

    /// <summary>Takes a sensor's (new) window result into the partial of one of its ancestors.</summary>
    public void Add(string ancestor, string ancestorType, WindowAggregate sensorWindow)
    {
        var key = new RollupKey(ancestor, ancestorType, sensorWindow.Metric, sensorWindow.WindowStart, sensorWindow.WindowEnd);
        if (!_windows.TryGetValue(key, out var window))
        {
            _windows[key] = window = new RollupWindow(0);
            _expiries.Enqueue(key, (key.End + retention).UtcTicks);
        }
        // Offsets are the rollup side's concern; here replay is governed by the sensor windows themselves.
        if (window.Add(sensorWindow.EntityId, sensorWindow, 1, 0) && _changedSet.Add(key))
        {
            _changed.Add(key);
        }
    }

    /// <summary>Sends every partial that changed since the last call, in the order they first changed, with the sensors each covers.</summary>
    public void Drain(Action<WindowAggregate, int> send)
    {
        foreach (var key in _changed)
        {
            var window = _windows[key];
            send(window.Combine(key), window.SensorsReported);
        }
        _changed.Clear();
        _changedSet.Clear();
    }

    /// <summary>Forgets windows the watermark has taken past their retention (the aggregator has dropped them too).</summary>
    public void Expire(DateTimeOffset watermark)
    {
        while (_expiries.TryPeek(out var key, out var expiry) && expiry <= watermark.UtcTicks)
        {
            _expiries.Dequeue();
            _windows.Remove(key);
        }
    }
}
