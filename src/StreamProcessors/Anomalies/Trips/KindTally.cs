namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>Evaluation counts for one mistake kind (or all of them).</summary>
/// <param name="Kind">Kind name as in the <c>truth-error</c> header, or <c>overall</c>.</param>
/// <param name="Actual">Rows that truly have this mistake.</param>
/// <param name="Reported">Findings of this kind.</param>
/// <param name="Correct">Findings naming the right row, kind and field.</param>
/// <param name="Detected">Rows with this mistake that got a correct finding.</param>
/// <param name="Restored">Correct findings whose suggestion equals the true value (for a duplicate: the original trip id).</param>
internal sealed record KindTally(string Kind, int Actual, int Reported, int Correct, int Detected, int Restored)
{
    /// <summary>Correct findings / findings (1 when nothing was reported).</summary>
    public double Precision => Reported == 0 ? 1 : Correct / (double)Reported;

    /// <summary>Detected rows / rows with the mistake (1 when there were none).</summary>
    public double Recall => Actual == 0 ? 1 : Detected / (double)Actual;

    /// <summary>Correct suggestions / correct findings (1 when there were none).</summary>
    public double CorrectionAccuracy => Correct == 0 ? 1 : Restored / (double)Correct;
}
