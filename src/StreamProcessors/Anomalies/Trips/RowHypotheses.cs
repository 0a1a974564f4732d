namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>Every explanation of an entered row: as entered, and each single slip that could have produced it.</summary>
internal static class RowHypotheses
{
    // The three slips are taken as equally likely, on any entered field alike: no more is assumed about the typist.
    private const int SlipKinds = 3;

    /// <summary>The row as entered first, then every candidate correction, in a deterministic order.</summary>
    public static List<RowHypothesis> Of(in TripValues entered, in HistorySnapshot history, TripEntryCheckerOptions options)
    {
        var hypotheses = new List<RowHypothesis>
        {
            new(null, entered, RowScore.Of(entered, history), Math.Log(1 - options.ExpectedErrorRate)),
        };
        var candidates = new List<TypoCandidate>();
        var fields = 0;
        foreach (var field in TripFields.All)
        {
            if (entered[field] is { } value)
            {
                fields++;
                TypoInversion.AddCandidates(field, value, candidates);
            }
        }
        if (fields == 0)
        {
            return hypotheses;
        }
        var slipPrior = Math.Log(options.ExpectedErrorRate / SlipKinds / fields);
        foreach (var candidate in candidates)
        {
            var values = entered.With(candidate.Field, candidate.Value);
            hypotheses.Add(new RowHypothesis(candidate, values, RowScore.Of(values, history), slipPrior + candidate.LogChance));
        }
        return hypotheses;
    }
}
