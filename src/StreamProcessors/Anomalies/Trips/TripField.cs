namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>The hand-typed numeric fields of a trip row that the entry checker can correct.</summary>
internal enum TripField
{
    /// <summary><c>odometer_start_km</c>.</summary>
    OdometerStart,

    /// <summary><c>odometer_end_km</c>.</summary>
    OdometerEnd,

    /// <summary><c>distance_km</c>.</summary>
    Distance,

    /// <summary><c>fuel_litres</c>.</summary>
    FuelLitres,

    /// <summary><c>fuel_cost</c>.</summary>
    FuelCost,

    /// <summary><c>revenue</c>.</summary>
    Revenue,
}
