namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>One explanation of an entered row: as entered (<see cref="Correction"/> null) or with one mistake undone.</summary>
/// <param name="Correction">The mistake undone, or null for the row as entered.</param>
/// <param name="Values">The row's values under this explanation.</param>
/// <param name="Score">How well those values fit the truck's history, term by term.</param>
/// <param name="LogPrior">Log prior of the explanation: no mistake, or this particular slip.</param>
internal readonly record struct RowHypothesis(TypoCandidate? Correction, TripValues Values, RowScore Score, double LogPrior)
{
    /// <summary>Log prior plus log-likelihood of the row itself (without continuity with other rows).</summary>
    public double LogWeight => LogPrior + Score.Total;
}
