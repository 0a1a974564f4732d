using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// The posterior over a row's explanations, given the truck's history, where its odometer stood before, and what the
/// following rows say about where it ended; and the mistake it points to, if any.
/// </summary>
internal sealed class RowDecision
{
    // Explanations this far below the best cannot change a decision; not pairing them with later rows saves time.
    private const double Negligible = 40;

    private RowDecision(List<RowHypothesis> hypotheses, double[] previous, double[] following, double[] posterior)
    {
        Hypotheses = hypotheses;
        Previous = previous;
        Following = following;
        Posterior = posterior;
    }

    /// <summary>The explanations; the first is the row as entered.</summary>
    public List<RowHypothesis> Hypotheses { get; }

    /// <summary>Per explanation, log-likelihood of its start given where the odometer stood.</summary>
    public double[] Previous { get; }

    /// <summary>Per explanation, log-likelihood of the following rows' starts given its end.</summary>
    public double[] Following { get; }

    /// <summary>Per explanation, its probability.</summary>
    public double[] Posterior { get; }

    /// <summary>Weighs <paramref name="hypotheses"/> against the odometer before and the <paramref name="forecasts"/> after.</summary>
    public static RowDecision Of(List<RowHypothesis> hypotheses, OdometerBelief odometer, StartForecasts forecasts, GapModel gaps)
    {
        var count = hypotheses.Count;
        var previous = new double[count];
        var following = new double[count];
        var posterior = new double[count];
        // Most explanations leave start and end alone, so each continuity term is worked out once per distinct value.
        var byStart = new Dictionary<double, double>();
        for (var i = 0; i < count; i++)
        {
            if (hypotheses[i].Start is { } start && !byStart.TryGetValue(start, out previous[i]))
            {
                previous[i] = odometer.LogLikelihoodOfStart(start, gaps);
                byStart.Add(start, previous[i]);
            }
            posterior[i] = hypotheses[i].LogWeight + previous[i];
        }
        if (!forecasts.IsEmpty)
        {
            var best = posterior.Max();
            var byEnd = new Dictionary<double, double>();
            for (var i = 0; i < count; i++)
            {
                var h = hypotheses[i];
                // A trip logged by distance only ends where the odometer stood plus its distance.
                var key = h.End ?? h.TripKm;
                if (posterior[i] >= best - Negligible && key is { } k)
                {
                    if (!byEnd.TryGetValue(k, out following[i]))
                    {
                        following[i] = h.End is { } end
                            ? forecasts.LogLikelihoodOfEnd(end, 0, gaps)
                            : odometer.LogLikelihoodOfForecasts(forecasts, k, gaps);
                        byEnd.Add(k, following[i]);
                    }
                    posterior[i] += following[i];
                }
            }
        }
        Normalise(posterior);
        return new RowDecision(hypotheses, previous, following, posterior);
    }

    /// <summary>The (field, kind) with the most probability, its most probable value, and how many other values share it.</summary>
    public (int Index, double Mass, int Alternatives)? BestMistake()
    {
        var groups = new Dictionary<(TripField, AnomalyKind), (int Index, double Mass, int Count)>();
        for (var i = 1; i < Hypotheses.Count; i++)
        {
            if (Posterior[i] < 1e-9)
            {
                continue;
            }
            var c = Hypotheses[i].Correction!.Value;
            var key = (c.Field, c.Kind);
            var group = groups.GetValueOrDefault(key, (i, 0, 0));
            groups[key] = (Posterior[i] > Posterior[group.Index] ? i : group.Index, group.Mass + Posterior[i], group.Count + (Posterior[i] >= 0.01 ? 1 : 0));
        }
        if (groups.Count == 0)
        {
            return null;
        }
        var best = groups.Values.OrderByDescending(g => g.Mass).ThenBy(g => g.Index).First();
        return (best.Index, best.Mass, Math.Max(best.Count - 1, 0));
    }

    /// <summary>Where the odometer stands after this row, for judging the next one.</summary>
    public OdometerBelief NextOdometer(OdometerBelief before)
    {
        if (Hypotheses[0].End is not null)
        {
            var readings = new List<OdometerReading>();
            for (var i = 0; i < Hypotheses.Count; i++)
            {
                if (Posterior[i] >= 1e-9)
                {
                    readings.Add(new OdometerReading(Hypotheses[i].End!.Value, 1, Posterior[i]));
                }
            }
            return OdometerBelief.From(readings);
        }
        if (Hypotheses[0].TripKm is not null)
        {
            var distances = new List<(double Km, double Weight)>();
            for (var i = 0; i < Hypotheses.Count; i++)
            {
                if (Posterior[i] >= 1e-6)
                {
                    distances.Add((Hypotheses[i].TripKm!.Value, Posterior[i]));
                }
            }
            return before.Advance(distances);
        }
        return OdometerBelief.None;
    }

    private static void Normalise(double[] logs)
    {
        var max = logs.Max();
        var sum = 0.0;
        for (var i = 0; i < logs.Length; i++)
        {
            logs[i] = Math.Exp(logs[i] - max);
            sum += logs[i];
        }
        for (var i = 0; i < logs.Length; i++)
        {
            logs[i] /= sum;
        }
    }
}
