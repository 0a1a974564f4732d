using SensorStream.Contracts.Events;
using SensorStream.StreamProcessors.Windows;

namespace SensorStream.StreamProcessors.Rollup;

/// <summary>
/// One window of one ancestor entity, assembled from contributions: sensors' own window results on the environment
/// side, each environment partition's combination of its sensors on the rollup side. A contributor's new result
/// replaces its earlier one, so a re-emitted or replayed window updates and never double-counts.
/// </summary>
internal sealed class RollupWindow(int expectedSensors) : IReplayedWindow
{
    private readonly Dictionary<string, (WindowAggregate Part, int Sensors)> _contributions = new(StringComparer.Ordinal);

    /// <summary>Sensors under the entity according to the location tree (0 when unknown).</summary>
    public int ExpectedSensors { get; } = expectedSensors;

    /// <summary>Sensors the contributions so far cover.</summary>
    public int SensorsReported { get; private set; }

    /// <summary>The first input offset that contributed; replay must start no later.</summary>
    public long FirstOffset { get; private set; } = long.MaxValue;

    /// <summary>The last input offset that contributed.</summary>
    public long LastOffset { get; private set; } = -1;

    /// <summary>Whether the window has been forgotten (see <see cref="WindowsByAge{TLifetime}"/>).</summary>
    public bool Dropped { get; set; }

    /// <summary>Whether the window has been emitted at least once.</summary>
    public bool Emitted { get; set; }

    /// <summary>Whether every expected sensor has reported.</summary>
    public bool IsComplete => ExpectedSensors > 0 && SensorsReported >= ExpectedSensors;

    /// <summary>
    /// Adds or replaces <paramref name="contributor"/>'s result, which covers <paramref name="sensors"/> sensors and
    /// came at input <paramref name="offset"/>; returns whether the combination changed.
    /// </summary>
    public bool Add(string contributor, WindowAggregate part, int sensors, long offset)
    {
        FirstOffset = Math.Min(FirstOffset, offset);
        LastOffset = Math.Max(LastOffset, offset);
        if (_contributions.TryGetValue(contributor, out var previous))
        {
            if (previous.Sensors == sensors && previous.Part == part)
            {
                return false;
            }
            SensorsReported -= previous.Sensors;
        }
        _contributions[contributor] = (part, sensors);
        SensorsReported += sensors;
        return true;
    }

    /// <summary>The combined result: counts add, min of mins, max of maxes, count-weighted mean, worst status.</summary>
    public WindowAggregate Combine(RollupKey key)
    {
        long count = 0, late = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        var status = StatusLevel.Unknown;
        // In contributor order, so the floating-point sum is the same whatever order they reported in.
        foreach (var (_, (part, _)) in _contributions.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            count += part.Count;
            late += part.LateCount;
            min = Math.Min(min, part.Min);
            max = Math.Max(max, part.Max);
            sum += part.Avg * part.Count;
            status = (StatusLevel)Math.Max((int)status, (int)part.Status);
        }
        return new WindowAggregate(key.Entity, key.Metric, key.Start, key.End, count, min, max, count == 0 ? double.NaN : sum / count, late,
            key.EntityType, null, status);
    }
}
