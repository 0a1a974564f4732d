using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// The numeric fields of one trip row as plain doubles (null when not entered, or not a finite number), so a
/// correction hypothesis is the same row with one field replaced.
/// </summary>
internal readonly record struct TripValues(
    double? OdometerStart, double? OdometerEnd, double? Distance, double? FuelLitres, double? FuelCost, double? Revenue)
{
    /// <summary>The entered values of <paramref name="record"/>; NaN and infinities count as not entered.</summary>
    public static TripValues Of(TripRecord record) => new(
        Finite(record.OdometerStartKm), Finite(record.OdometerEndKm), Finite(record.DistanceKm), Finite(record.FuelLitres),
        (double?)record.FuelCost, (double?)record.Revenue);

    /// <summary>The value of <paramref name="field"/>.</summary>
    public double? this[TripField field] => field switch
    {
        TripField.OdometerStart => OdometerStart,
        TripField.OdometerEnd => OdometerEnd,
        TripField.Distance => Distance,
        TripField.FuelLitres => FuelLitres,
        TripField.FuelCost => FuelCost,
        TripField.Revenue => Revenue,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a trip field"),
    };

    /// <summary>Kilometres driven: the entered distance, else end − start.</summary>
    public double? TripKm => Distance ?? (OdometerEnd - OdometerStart);

    /// <summary>Odometer at departure: entered, else end − distance.</summary>
    public double? Start => OdometerStart ?? (OdometerEnd - Distance);

    /// <summary>Odometer at arrival: entered, else start + distance.</summary>
    public double? End => OdometerEnd ?? (OdometerStart + Distance);

    /// <summary>The same row with <paramref name="field"/> set to <paramref name="value"/>.</summary>
    public TripValues With(TripField field, double value) => field switch
    {
        TripField.OdometerStart => this with { OdometerStart = value },
        TripField.OdometerEnd => this with { OdometerEnd = value },
        TripField.Distance => this with { Distance = value },
        TripField.FuelLitres => this with { FuelLitres = value },
        TripField.FuelCost => this with { FuelCost = value },
        TripField.Revenue => this with { Revenue = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a trip field"),
    };

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
