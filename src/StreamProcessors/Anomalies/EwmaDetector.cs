namespace SensorStream.StreamProcessors.Anomalies;

/// <summary>
/// Exponentially weighted mean and variance of one series, scoring each new value by its z-score against the state
/// before it. A flagged value enters the state clipped to the threshold, so a spike does not drag the baseline along
/// and hide the next one.
/// </summary>
internal sealed class EwmaDetector(EwmaOptions options)
{
    private double _mean;
    private double _variance;

    /// <summary>Values seen.</summary>
    public long Count { get; private set; }

    /// <summary>Scores <paramref name="value"/> and adds it; returns the z-score and expected value, and whether it is an anomaly (never during warm-up).</summary>
    public (double Z, double Expected, double StandardDeviation, bool IsAnomaly) Observe(double value)
    {
        if (Count == 0)
        {
            _mean = value;
            Count = 1;
            return (0, value, 0, false);
        }
        var sd = Math.Max(Math.Sqrt(_variance), options.MinimumStandardDeviation);
        var z = (value - _mean) / sd;
        var expected = _mean;
        var anomaly = Count >= options.WarmUp && Math.Abs(z) > options.Threshold;
        var clipped = anomaly ? _mean + (Math.Sign(z) * options.Threshold * sd) : value;
        var delta = clipped - _mean;
        _mean += options.Alpha * delta;
        _variance = (1 - options.Alpha) * (_variance + (options.Alpha * delta * delta));
        Count++;
        return (z, expected, sd, anomaly);
    }
}
