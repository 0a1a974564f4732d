namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>Avro names and entry precision of the <see cref="TripField"/>s.</summary>
internal static class TripFields
{
    /// <summary>Field name used in findings for a duplicated row.</summary>
    public const string Row = "row";

    /// <summary>Every correctable field, in schema order.</summary>
    public static IReadOnlyList<TripField> All { get; } =
        [TripField.OdometerStart, TripField.OdometerEnd, TripField.Distance, TripField.FuelLitres, TripField.FuelCost, TripField.Revenue];

    /// <summary>The Avro field name of <paramref name="field"/> (as in <c>TripRecord.avsc</c> and the truth headers).</summary>
    public static string Name(TripField field) => field switch
    {
        TripField.OdometerStart => "odometer_start_km",
        TripField.OdometerEnd => "odometer_end_km",
        TripField.Distance => "distance_km",
        TripField.FuelLitres => "fuel_litres",
        TripField.FuelCost => "fuel_cost",
        TripField.Revenue => "revenue",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a trip field"),
    };

    /// <summary>Decimals a person types for <paramref name="field"/>: whole kilometres, tenths of a litre, cents.</summary>
    public static int Decimals(TripField field) => field switch
    {
        TripField.FuelLitres => 1,
        TripField.FuelCost or TripField.Revenue => 2,
        _ => 0,
    };
}
