using System.Globalization;
using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>Which checks a correction restores, compared with the row as entered, for a finding's explanation.</summary>
/// <param name="Entered">Scores of the row as entered.</param>
/// <param name="Corrected">Scores of the row with the reported correction.</param>
/// <param name="PreviousGain">Log-likelihood gained in continuity with the previous trip.</param>
/// <param name="NextGain">Log-likelihood gained in continuity with the next trip.</param>
internal readonly record struct FindingEvidence(RowScore Entered, RowScore Corrected, double PreviousGain, double NextGain)
{
    // A gain of one nat (a likelihood ratio of e) is where a check starts to speak for the correction.
    private const double Meaningful = 1;

    /// <summary>The checks the correction improves noticeably, strongest first.</summary>
    public IEnumerable<ConsistencyCheck> Restored()
    {
        var self = this;
        return Enum.GetValues<ConsistencyCheck>()
            .Select(check => (check, gain: self.Gain(check)))
            .Where(c => c.gain >= Meaningful)
            .OrderByDescending(c => c.gain)
            .Select(c => c.check);
    }

    /// <summary>One sentence: what was entered, what was likely meant, and why.</summary>
    public string Reason(TypoCandidate correction, double? observed)
    {
        var restored = Restored().Select(Name).ToList();
        var why = restored.Count == 0 ? "fits the truck's history better" : "restores " + string.Join(", ", restored);
        return string.Create(CultureInfo.InvariantCulture,
            $"{TripFields.Name(correction.Field)} entered as {observed} looks like {Slip(correction.Kind)} of {correction.Value}, which {why}");
    }

    /// <summary>Snake-case name of a check, as listed in a finding's <c>restores</c> detail.</summary>
    public static string Name(ConsistencyCheck check) => check switch
    {
        ConsistencyCheck.OdometerArithmetic => "odometer_arithmetic",
        ConsistencyCheck.ContinuityWithPrevious => "continuity_with_previous_trip",
        ConsistencyCheck.ContinuityWithNext => "continuity_with_next_trip",
        ConsistencyCheck.KmPerLitre => "km_per_litre",
        ConsistencyCheck.PricePerLitre => "price_per_litre",
        ConsistencyCheck.PumpPriceGrid => "pump_price_grid",
        ConsistencyCheck.RevenuePerKm => "revenue_per_km",
        _ => check.ToString(),
    };

    private double Gain(ConsistencyCheck check) => check switch
    {
        ConsistencyCheck.ContinuityWithPrevious => PreviousGain,
        ConsistencyCheck.ContinuityWithNext => NextGain,
        _ => Corrected.Of(check) - Entered.Of(check),
    };

    private static string Slip(AnomalyKind kind) => kind switch
    {
        AnomalyKind.DroppedDigit => "a dropped digit",
        AnomalyKind.AdjacentKeyTypo => "an adjacent-key slip",
        AnomalyKind.TransposedDigits => "transposed digits",
        _ => "a slip",
    };
}
