namespace SensorStream.Contracts.Events;

/// <summary>One row of a truck trip log as entered (<c>sensorstream.v1.TripRecord</c>, topic <c>trips.records</c>, key = truck id).</summary>
/// <param name="TruckId">Truck identifier.</param>
/// <param name="TripId">Identifier of the row, stable across replays.</param>
/// <param name="TripDate">Date of the trip.</param>
/// <param name="OdometerStartKm">Odometer at departure, km, or null when not entered.</param>
/// <param name="OdometerEndKm">Odometer at arrival, km, or null when not entered.</param>
/// <param name="DistanceKm">Distance as entered, km, or null when only odometer readings were entered.</param>
/// <param name="FuelLitres">Fuel bought, litres, or null.</param>
/// <param name="FuelCost">Fuel cost in the owner's currency, at most 2 decimals and 12 digits, or null.</param>
/// <param name="Toll">Tolls paid in the owner's currency, at most 2 decimals and 12 digits, or null.</param>
/// <param name="Revenue">Revenue in the owner's currency, at most 2 decimals and 12 digits, or null.</param>
/// <param name="Origin">Place of departure as entered.</param>
/// <param name="Destination">Place of arrival as entered.</param>
/// <param name="EnteredAt">When the row was entered or imported, UTC.</param>
public sealed partial record TripRecord(
    string TruckId,
    Guid TripId,
    DateOnly TripDate,
    double? OdometerStartKm,
    double? OdometerEndKm,
    double? DistanceKm,
    double? FuelLitres,
    decimal? FuelCost,
    decimal? Toll,
    decimal? Revenue,
    string Origin,
    string Destination,
    DateTimeOffset EnteredAt);
