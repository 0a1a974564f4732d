namespace SensorStream.Storage.Queries;

/// <summary>One truck's month of trips, as typed and with accepted corrections applied (duplicate rows left out).</summary>
/// <param name="TruckId">Truck.</param>
/// <param name="Month">First day of the month.</param>
/// <param name="Raw">The trip log as entered.</param>
/// <param name="Corrected">With every accepted correction applied and rows accepted as duplicates removed.</param>
public sealed record TripMonthSummary(string TruckId, DateOnly Month, TripTotals Raw, TripTotals Corrected);
