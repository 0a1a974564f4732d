namespace SensorStream.Storage.Queries;

/// <summary>Totals over a set of trips, in the log's currency.</summary>
/// <param name="Trips">Trips counted.</param>
/// <param name="DistanceKm">Distance driven, km.</param>
/// <param name="FuelLitres">Fuel bought, litres.</param>
/// <param name="Revenue">Revenue.</param>
/// <param name="Cost">Fuel cost plus tolls.</param>
/// <param name="KmPerLitre">Distance per litre of fuel; null without fuel.</param>
/// <param name="CostPerKm">Cost per km driven; null without distance.</param>
public sealed record TripTotals(long Trips, double DistanceKm, double FuelLitres, decimal Revenue, decimal Cost, double? KmPerLitre, decimal? CostPerKm);
