namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>One way the rows after a trip may continue its odometer: a start, the trips it lies beyond, and its probability.</summary>
/// <param name="StartKm">Odometer at the start of the next trip that has one, minus the km of any trip in between logged by distance only.</param>
/// <param name="Hops">1 for the next trip; 2 when a trip logged by distance only lies in between (two unlogged drives may hide there).</param>
/// <param name="Weight">Probability, given the later rows alone.</param>
internal readonly record struct StartForecast(double StartKm, int Hops, double Weight)
{
    // Explanations this far below the best cannot change a decision; leaving them out keeps the pairing cheap.
    private const double Negligible = 40;
    private const int MaxForecasts = 64;

    /// <summary>
    /// Where the rows after a trip say it ended: the next row's start, or, when the next row was logged by distance
    /// only, the start of the row after it minus that distance. Empty when the later rows say nothing.
    /// </summary>
    public static List<StartForecast> From(List<RowHypothesis> next, List<RowHypothesis>? afterNext)
    {
        if (next[0].Start is not null)
        {
            return [.. Group(next, h => h.Start).Select(s => new StartForecast(s.Value, 1, s.Weight))];
        }
        if (afterNext is null || next[0].TripKm is null || afterNext[0].Start is null)
        {
            return [];
        }
        var kms = Group(next, h => h.TripKm);
        var starts = Group(afterNext, h => h.Start);
        return [.. kms.SelectMany(km => starts.Select(s => new StartForecast(s.Value - km.Value, 2, km.Weight * s.Weight)))
            .OrderByDescending(f => f.Weight).ThenBy(f => f.StartKm)
            .Take(MaxForecasts)];
    }

    /// <summary>
    /// Log probability of the forecasts if the trip ended at <paramref name="endKm"/>, with <paramref name="extraHops"/>
    /// more unlogged drives possible before it (when its own start was not logged).
    /// </summary>
    public static double LogLikelihoodOfEnd(List<StartForecast> forecasts, double endKm, int extraHops, GapModel gaps)
    {
        double sum = 0, total = 0;
        foreach (var f in forecasts)
        {
            sum += f.Weight * Math.Exp(gaps.LogMass(f.StartKm - endKm, f.Hops + extraHops));
            total += f.Weight;
        }
        return Math.Log(sum / total);
    }

    /// <summary>The distinct values <paramref name="value"/> takes over the non-negligible hypotheses, with their normalised weights, in first-seen order.</summary>
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
