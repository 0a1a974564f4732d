namespace SensorStream.StreamProcessors.Windows;

/// <summary>
/// Count, min, max, sum and sum of squares of some values: one reading, a vibration block, or a whole window.
/// Summaries merge exactly (min of mins, max of maxes, sums add), which is what makes windows re-computable
/// from parts.
/// </summary>
public readonly record struct ValueSummary(long Count, double Min, double Max, double Sum, double SumOfSquares)
{
    /// <summary>No values.</summary>
    public static ValueSummary Empty => new(0, double.PositiveInfinity, double.NegativeInfinity, 0, 0);

    /// <summary>One value.</summary>
    public static ValueSummary Of(double value) => new(1, value, value, value, value * value);

    /// <summary>The values of a block of samples.</summary>
    public static ValueSummary Of(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return Empty;
        }
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, squares = 0;
        foreach (var s in samples)
        {
            min = Math.Min(min, s);
            max = Math.Max(max, s);
            sum += s;
            squares += (double)s * s;
        }
        return new ValueSummary(samples.Length, min, max, sum, squares);
    }

    /// <summary>Both summaries together.</summary>
    public ValueSummary Merge(ValueSummary other) =>
        new(Count + other.Count, Math.Min(Min, other.Min), Math.Max(Max, other.Max), Sum + other.Sum, SumOfSquares + other.SumOfSquares);

    /// <summary>Arithmetic mean (NaN when empty).</summary>
    public double Average => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Root mean square (NaN when empty).</summary>
    public double Rms => Count == 0 ? double.NaN : Math.Sqrt(SumOfSquares / Count);
}
