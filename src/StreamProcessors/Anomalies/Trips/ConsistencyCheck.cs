namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>The consistency checks a trip row is scored on; a finding names the ones its correction restores.</summary>
internal enum ConsistencyCheck
{
    /// <summary>end − start = distance, and a positive distance.</summary>
    OdometerArithmetic,

    /// <summary>The trip starts where the previous one ended, or a few unlogged km later.</summary>
    ContinuityWithPrevious,

    /// <summary>The next trip starts where this one ended, or a few unlogged km later.</summary>
    ContinuityWithNext,

    /// <summary>Km per litre within the truck's usual band.</summary>
    KmPerLitre,

    /// <summary>Fuel cost per litre within the truck's usual band.</summary>
    PricePerLitre,

    /// <summary>Cost = litres × a pump price in tenths of a cent, to the cent.</summary>
    PumpPriceGrid,

    /// <summary>Revenue for the km driven within the truck's usual band.</summary>
    RevenuePerKm,
}
