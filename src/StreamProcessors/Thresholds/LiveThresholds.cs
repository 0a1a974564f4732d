using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Thresholds;

/// <summary>The thresholds in force now, swapped atomically as edits arrive from <c>config.thresholds</c>.</summary>
internal sealed class LiveThresholds(ThresholdTable initial)
{
    private volatile ThresholdTable _current = initial;

    /// <summary>The current table (a snapshot).</summary>
    public ThresholdTable Current => _current;

    /// <summary>Applies an edit; a null value removes the key (a tombstone).</summary>
    public void Apply(string sensorType, string metric, ThresholdConfig? config) =>
        _current = config is null ? _current.Without(sensorType, metric) : _current.With(config);
}
