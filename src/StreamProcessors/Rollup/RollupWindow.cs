using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Rollup;

/// <summary>
/// One window of one ancestor entity, assembled from its sensors' window results. A sensor's result replaces its
/// earlier one (a re-emitted or replayed window updates, never double-counts).
/// </summary>
internal sealed class RollupWindow(int expectedSensors)
{
    private readonly Dictionary<string, WindowAggregate> _contributions = new(StringComparer.Ordinal);

    /// <summary>Sensors under the entity according to the location tree (0 when unknown).</summary>
    public int ExpectedSensors { get; } = expectedSensors;

    /// <summary>The first input offset that contributed; replay must start no later.</summary>
    public long FirstOffset { get; private set; } = long.MaxValue;

    /// <summary>The last input offset that contributed.</summary>
    public long LastOffset { get; private set; } = -1;

    /// <summary>Whether the window has been emitted at least once.</summary>
    public bool Emitted { get; set; }

    /// <summary>Whether every expected sensor has reported.</summary>
    public bool IsComplete => ExpectedSensors > 0 && _contributions.Count >= ExpectedSensors;

    public int SensorCount => _contributions.Count;

    /// <summary>Adds or replaces a sensor's result; returns whether the combination changed.</summary>
    public bool Add(WindowAggregate sensorWindow, long offset)
    {
        FirstOffset = Math.Min(FirstOffset, offset);
        LastOffset = Math.Max(LastOffset, offset);
        if (_contributions.TryGetValue(sensorWindow.EntityId, out var previous) && previous == sensorWindow)
        {
            return false;
        }
        _contributions[sensorWindow.EntityId] = sensorWindow;
        return true;
    }

    /// <summary>The combined result: counts add, min of mins, max of maxes, count-weighted mean, worst status.</summary>
    public WindowAggregate Combine(string entity, string entityType, string metric, DateTimeOffset start, DateTimeOffset end)
    {
        long count = 0, late = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        var status = StatusLevel.Unknown;
        // Sorted so the floating-point sum is the same whatever order sensors reported in.
        foreach (var (_, part) in _contributions.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            count += part.Count;
            late += part.LateCount;
            min = Math.Min(min, part.Min);
            max = Math.Max(max, part.Max);
            sum += part.Avg * part.Count;
            status = (StatusLevel)Math.Max((int)status, (int)part.Status);
        }
        return new WindowAggregate(entity, metric, start, end, count, min, max, count == 0 ? double.NaN : sum / count, late, entityType, null, status);
    }
}
