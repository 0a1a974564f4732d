namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// Where a truck's ratio (km per litre, price per litre, revenue residual) lies, learned from its recent clean rows: the
/// range the samples span, flat inside, and outside it the tail a uniform spread with unknown edges predicts after
/// <see cref="Samples"/> samples: (1 + t / width)^−n at a distance t beyond an edge. So a value just past the range of a
/// short history costs little (a few samples rarely reach the true edges), while a value well past the range of a
/// long history costs a lot.
/// </summary>
/// <param name="Low">Lowest sample kept.</param>
/// <param name="High">Highest sample kept.</param>
/// <param name="Samples">Samples kept.</param>
internal readonly record struct PlausibleBand(double Low, double High, int Samples)
{
    /// <summary>No history: every value equally plausible.</summary>
    public static PlausibleBand Unknown { get; } = new(double.NegativeInfinity, double.PositiveInfinity, 0);

    /// <summary>Whether the band was learned (else <see cref="LogDensity"/> is 0 everywhere).</summary>
    public bool IsKnown => Samples > 1;

    /// <summary>Log density of <paramref name="value"/> (0 when the band is unknown).</summary>
    public double LogDensity(double value)
    {
        if (!IsKnown)
        {
            return 0;
        }
        var width = High - Low;
        var inside = -Math.Log(width * (Samples + 1) / (Samples - 1));
        return value < Low ? inside - (Samples * Math.Log(1 + ((Low - value) / width)))
            : value > High ? inside - (Samples * Math.Log(1 + ((value - High) / width)))
            : inside;
    }

    /// <summary>
    /// The band of <paramref name="samples"/>: samples further from the median than <paramref name="outlierIqrs"/>
    /// interquartile ranges, and than <paramref name="minOutlierReach"/>, are left out (a mistake that slipped into the
    /// history must not widen the band); the range of the rest is widened to at least <paramref name="minHalfWidth"/>
    /// either side of its midpoint, so a few samples that happen to cluster do not make ordinary values look wrong.
    /// </summary>
    public static PlausibleBand Learn(double[] samples, int minSamples, double outlierIqrs, double minOutlierReach, double minHalfWidth)
    {
        if (samples.Length < Math.Max(minSamples, 2))
        {
            return Unknown;
        }
        var sorted = (double[])samples.Clone();
        Array.Sort(sorted);
        var median = Quantile(sorted, 0.5);
        var reach = Math.Max(outlierIqrs * (Quantile(sorted, 0.75) - Quantile(sorted, 0.25)), minOutlierReach);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        var kept = 0;
        foreach (var sample in sorted)
        {
            if (Math.Abs(sample - median) <= reach)
            {
                low = Math.Min(low, sample);
                high = Math.Max(high, sample);
                kept++;
            }
        }
        if (kept < 2)
        {
            return Unknown;
        }
        var middle = (low + high) / 2;
        return new PlausibleBand(Math.Min(low, middle - minHalfWidth), Math.Max(high, middle + minHalfWidth), kept);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
