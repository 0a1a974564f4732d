namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// Where the rows after a trip say it ended: the next row's possible starts, or, when the next row was logged by
/// distance only, the possible starts of the row after it minus that distance; each with its probability given those
/// rows alone. Kept sorted with running totals, because the likelihood of an end is then a few binary searches, and a
/// row has a hundred ends to weigh against a hundred starts.
/// </summary>
internal sealed class StartForecasts
{
    // Explanations this far below the best cannot change a decision.
    private const double Negligible = 40;
    private readonly double[] _starts;
    private readonly double[] _below;

    private StartForecasts(double[] starts, double[] weights, int hops)
    {
        _starts = starts;
        _below = new double[starts.Length + 1];
        for (var i = 0; i < starts.Length; i++)
        {
            _below[i + 1] = _below[i] + weights[i];
        }
        Hops = hops;
    }

    /// <summary>The later rows say nothing about where the trip ended.</summary>
    public static StartForecasts None { get; } = new([], [], 1);

    /// <summary>Whether there is nothing to weigh.</summary>
    public bool IsEmpty => _starts.Length == 0;

    /// <summary>Unlogged drives the starts lie beyond: 1 for the next trip, 2 past a trip logged by distance only.</summary>
    public int Hops { get; }

    /// <summary>The forecasts from the next row's explanations and, if it was logged by distance only, the row after's.</summary>
    public static StartForecasts From(List<RowHypothesis> next, List<RowHypothesis>? afterNext)
    {
        if (next[0].Start is not null)
        {
            return Sorted(Group(next, h => h.Start), 1);
        }
        if (afterNext is null || next[0].TripKm is null || afterNext[0].Start is null)
        {
            return None;
        }
        var kms = Group(next, h => h.TripKm);
        var starts = Group(afterNext, h => h.Start);
        return Sorted([.. kms.SelectMany(km => starts.Select(s => (s.Value - km.Value, km.Weight * s.Weight)))], 2);
    }

    /// <summary>
    /// Log probability of the forecasts if the trip ended at <paramref name="endKm"/>, with <paramref name="extraHops"/>
    /// more unlogged drives possible before it (when its own start was not logged).
    /// </summary>
    public double LogLikelihoodOfEnd(double endKm, int extraHops, GapModel gaps)
    {
        var hops = Hops + extraHops;
        var backwards = _below[LowerBound(endKm - 0.5)];
        var exact = _below[LowerBound(endKm + 0.5)];
        var unlogged = _below[UpperBound(endKm + (gaps.MaxGapKm * hops) + 0.5)];
        var total = _below[^1];
        var likelihood = (backwards * GapModel.BackwardsMass) + ((exact - backwards) * gaps.ExactMass(hops))
            + ((unlogged - exact) * gaps.UnloggedMassPerKm(hops)) + ((total - unlogged) * GapModel.TooLongMass);
        return Math.Log(likelihood / total);
    }

    private int LowerBound(double value)
    {
        var index = Array.BinarySearch(_starts, value);
        if (index < 0)
        {
            return ~index;
        }
        while (index > 0 && _starts[index - 1] == value)
        {
            index--;
        }
        return index;
    }

    private int UpperBound(double value)
    {
        var index = Array.BinarySearch(_starts, value);
        if (index < 0)
        {
            return ~index;
        }
        while (index < _starts.Length && _starts[index] == value)
        {
            index++;
        }
        return index;
    }

    private static StartForecasts Sorted(List<(double Value, double Weight)> forecasts, int hops)
    {
        var starts = forecasts.Select(f => f.Value).ToArray();
        var weights = forecasts.Select(f => f.Weight).ToArray();
        Array.Sort(starts, weights);
        return new StartForecasts(starts, weights, hops);
    }

    /// <summary>The distinct values <paramref name="value"/> takes over the non-negligible hypotheses, with their normalised weights.</summary>
    private static List<(double Value, double Weight)> Group(List<RowHypothesis> hypotheses, Func<RowHypothesis, double?> value)
    {
        var best = hypotheses.Max(h => h.LogWeight);
        var weights = new Dictionary<double, double>();
        var order = new List<double>();
        foreach (var h in hypotheses)
        {
            if (h.LogWeight >= best - Negligible && value(h) is { } v)
            {
                if (!weights.TryGetValue(v, out var w))
                {
                    order.Add(v);
                }
                weights[v] = w + Math.Exp(h.LogWeight - best);
            }
        }
        var total = weights.Values.Sum();
        return [.. order.Select(v => (v, weights[v] / total))];
    }
}
