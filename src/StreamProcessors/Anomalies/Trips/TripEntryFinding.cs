using SensorStream.Contracts;
using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>A trip row that looks mistyped or entered twice, with what it most likely should have been.</summary>
/// <param name="TruckId">The truck.</param>
/// <param name="TripId">The row concerned; may be a row accepted before the one whose arrival settled it.</param>
/// <param name="EnteredAt">When the row concerned was entered (its event time).</param>
/// <param name="Kind"><see cref="AnomalyKind.DroppedDigit"/>, <see cref="AnomalyKind.AdjacentKeyTypo"/>, <see cref="AnomalyKind.TransposedDigits"/> or <see cref="AnomalyKind.DuplicateRow"/>.</param>
/// <param name="Field">Avro field name (<c>odometer_end_km</c>…), or <c>row</c> for a duplicate.</param>
/// <param name="ObservedValue">The value entered; null for a duplicate.</param>
/// <param name="SuggestedValue">The value most likely meant; null for a duplicate (see <c>original_trip_id</c> in <paramref name="Details"/>).</param>
/// <param name="Score">Probability (0–1) that the row has this mistake in this field, given the rows seen.</param>
/// <param name="Details">Short explanation entries: <c>reason</c>, <c>restores</c>, <c>original_trip_id</c>….</param>
internal sealed record TripEntryFinding(
    string TruckId,
    Guid TripId,
    DateTimeOffset EnteredAt,
    AnomalyKind Kind,
    string Field,
    double? ObservedValue,
    double? SuggestedValue,
    double Score,
    IReadOnlyDictionary<string, string> Details)
{
    /// <summary>
    /// The finding as an <see cref="Anomaly"/> for the <c>anomalies</c> topic (key = truck id). Its id is derived
    /// from trip id, kind and field (the trip id is also in the details as <c>trip_id</c>), so a replay that finds the same mistake emits the same id and sinks can upsert.
    /// </summary>
    public Anomaly ToAnomaly()
    {
        var id = AnomalyIds.For(Topics.TripsRecords, TripId.ToString("N"), Kind.ToString(), Field);
        var details = new Dictionary<string, string>(Details, StringComparer.Ordinal) { ["trip_id"] = TripId.ToString() };
        return new Anomaly(id, Topics.TripsRecords, TruckId, EnteredAt, Kind, Field, ObservedValue, SuggestedValue, Score, details);
    }
}
