namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>Every explanation of an entered row: as entered, and each single slip that could have produced it.</summary>
internal static class RowHypotheses
{
    // The three slips are taken as equally likely, on any entered field alike: no more is assumed about the typist.
    private const int SlipKinds = 3;

    /// <summary>The row as entered first, then every candidate correction, in a deterministic order.</summary>
    /// <param name="entered">The row as entered.</param>
    /// <param name="history">The truck's statistics.</param>
    /// <param name="options">Checker options (the prior error rate).</param>
    /// <param name="scratch">A list to build candidates in, reused between calls.</param>
    /// <param name="into">The list to fill (cleared first) and return, reused between calls.</param>
    public static List<RowHypothesis> Of(in TripValues entered, in HistorySnapshot history, TripEntryCheckerOptions options, List<TypoCandidate> scratch,
        List<RowHypothesis> into)
    {
        scratch.Clear();
        var fields = 0;
        foreach (var field in TripFields.All)
        {
            if (entered[field] is { } value)
            {
                fields++;
                TypoInversion.AddCandidates(field, value, scratch);
            }
        }
        var score = RowScore.Of(entered, history);
        var hypotheses = into;
        hypotheses.Clear();
        hypotheses.Add(new RowHypothesis(null, entered, Math.Log(1 - options.ExpectedErrorRate) + score.Total));
        if (fields == 0)
        {
            return hypotheses;
        }
        var slipPrior = Math.Log(options.ExpectedErrorRate / SlipKinds / fields);
        foreach (var candidate in scratch)
        {
            var values = entered.With(candidate.Field, candidate.Value);
            hypotheses.Add(new RowHypothesis(candidate, values, slipPrior + candidate.LogChance + score.With(values, candidate.Field, history).Total));
        }
        return hypotheses;
    }
}
