using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Thresholds;

/// <summary>
/// The threshold status of one metric of one entity, fed window by window in event-time order. A level is raised
/// from the window's maximum (above-thresholds) and minimum (below-thresholds); lowering needs the value to clear
/// the threshold by a margin (hysteresis); any change must be seen for <see cref="StatusOptions.MinDuration"/>
/// (debounce). The first status of an entity is taken at once. Returns a <see cref="StatusChange"/> only on a transition.
/// </summary>
internal sealed class StatusTracker(StatusOptions options)
{
    private (StatusLevel Level, DateTimeOffset Since)? _pending;

    /// <summary>The current level; <see cref="StatusLevel.Unknown"/> until the first window with thresholds.</summary>
    public StatusLevel Level { get; private set; } = StatusLevel.Unknown;

    /// <summary>Takes a window into account; returns the transition it causes, if any.</summary>
    public StatusChange? Observe(ThresholdConfig? thresholds, double min, double max, DateTimeOffset windowStart, DateTimeOffset windowEnd,
        string entityId, string sensorType, string metric)
    {
        if (thresholds is null)
        {
            return null;
        }
        var (raw, value, threshold) = Evaluate(thresholds, min, max, margin: false);
        var candidate = raw;
        if (raw < Level && Level != StatusLevel.Unknown)
        {
            // Lowering: the value must clear the current level's threshold by the margin.
            var cleared = Evaluate(thresholds, min, max, margin: true);
            candidate = cleared.Level < Level ? cleared.Level : Level;
            (value, threshold) = (cleared.Value, cleared.Threshold);
        }
        if (candidate == Level)
        {
            _pending = null;
            return null;
        }
        if (Level != StatusLevel.Unknown && options.MinDuration > TimeSpan.Zero)
        {
            if (_pending is not { } pending || pending.Level != candidate)
            {
                _pending = (candidate, windowStart);
            }
            if (windowEnd - _pending.Value.Since < options.MinDuration)
            {
                return null;
            }
        }
        var previous = Level;
        Level = candidate;
        _pending = null;
        return new StatusChange(entityId, sensorType, metric, windowEnd, previous == StatusLevel.Unknown ? null : previous, candidate, value,
            candidate == StatusLevel.Normal ? null : threshold);
    }

    /// <summary>The level the values reach, with the deciding value and threshold; with <paramref name="margin"/> thresholds are moved towards normal.</summary>
    private (StatusLevel Level, double Value, double? Threshold) Evaluate(ThresholdConfig t, double min, double max, bool margin)
    {
        double? Above(double? threshold) => threshold is { } x && margin ? x - (Math.Abs(x) * options.ClearMarginFraction) : threshold;
        double? Below(double? threshold) => threshold is { } x && margin ? x + (Math.Abs(x) * options.ClearMarginFraction) : threshold;
        if (Above(t.CriticalAbove) is { } ca && max > ca)
        {
            return (StatusLevel.Critical, max, t.CriticalAbove);
        }
        if (Below(t.CriticalBelow) is { } cb && min < cb)
        {
            return (StatusLevel.Critical, min, t.CriticalBelow);
        }
        if (Above(t.WarningAbove) is { } wa && max > wa)
        {
            return (StatusLevel.Warning, max, t.WarningAbove);
        }
        if (Below(t.WarningBelow) is { } wb && min < wb)
        {
            return (StatusLevel.Warning, min, t.WarningBelow);
        }
        // Back to normal: report the value nearest a threshold.
        return (StatusLevel.Normal, t.WarningAbove is not null || t.CriticalAbove is not null ? max : min, null);
    }
}
