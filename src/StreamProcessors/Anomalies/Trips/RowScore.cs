namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// Log-likelihood of a row's values under a truck's history, term by term (each term the log probability of one field
/// given the ones it depends on), so the total ranks correction hypotheses and the terms explain a finding.
/// Quantities enter with a scale-free 1/x prior (the magnitude terms): a hypothesis that makes a number ten times
/// larger must explain ten times as much spread, which keeps re-inserted digits honest.
/// </summary>
/// <param name="Arithmetic">end − start = distance, a positive distance, no negative odometer.</param>
/// <param name="KmPerLitre">Km per litre against the truck's band.</param>
/// <param name="PricePerLitre">Cost per litre against the truck's band.</param>
/// <param name="PriceGrid">Cost against litres × a pump price in tenths of a cent.</param>
/// <param name="RevenuePerKm">Revenue against the truck's model for the km.</param>
/// <param name="KmMagnitude">Prior of the km driven.</param>
/// <param name="FuelMagnitude">Prior of the litres.</param>
/// <param name="CostMagnitude">Prior of the cost.</param>
/// <param name="RevenueMagnitude">Prior of the revenue, when no revenue model scales it.</param>
internal readonly record struct RowScore(
    double Arithmetic, double KmPerLitre, double PricePerLitre, double PriceGrid, double RevenuePerKm,
    double KmMagnitude, double FuelMagnitude, double CostMagnitude, double RevenueMagnitude)
{
    /// <summary>Log probability of something a correct row never shows (end − start ≠ distance, a negative quantity).</summary>
    public const double LogImpossible = -25;

    /// <summary>Sum of the terms.</summary>
    public double Total =>
        Arithmetic + KmPerLitre + PricePerLitre + PriceGrid + RevenuePerKm + KmMagnitude + FuelMagnitude + CostMagnitude + RevenueMagnitude;

    /// <summary>The term of <paramref name="check"/> (0 for the continuity checks, scored elsewhere).</summary>
    public double Of(ConsistencyCheck check) => check switch
    {
        ConsistencyCheck.OdometerArithmetic => Arithmetic,
        ConsistencyCheck.KmPerLitre => KmPerLitre,
        ConsistencyCheck.PricePerLitre => PricePerLitre,
        ConsistencyCheck.PumpPriceGrid => PriceGrid,
        ConsistencyCheck.RevenuePerKm => RevenuePerKm,
        _ => 0,
    };

    /// <summary>Scores <paramref name="row"/> against <paramref name="history"/>.</summary>
    public static RowScore Of(in TripValues row, in HistorySnapshot history)
    {
        var km = row.TripKm;
        return new RowScore(ArithmeticOf(row), KmPerLitreOf(km, row.FuelLitres, history), PriceOf(row, history), GridOf(row, history),
            RevenueOf(km, row.Revenue, history), KmMagnitudeOf(km), Magnitude(row.FuelLitres), Magnitude(row.FuelCost),
            RevenueMagnitudeOf(km, row.Revenue, history));
    }

    /// <summary>
    /// The score of <paramref name="row"/>, which differs from the row this score is for only in <paramref name="changed"/>:
    /// only the terms that field enters are worked out again (a row has hundreds of single-field hypotheses).
    /// </summary>
    public RowScore With(in TripValues row, TripField changed, in HistorySnapshot history)
    {
        switch (changed)
        {
            case TripField.FuelLitres:
                return this with
                {
                    KmPerLitre = KmPerLitreOf(row.TripKm, row.FuelLitres, history), PricePerLitre = PriceOf(row, history),
                    PriceGrid = GridOf(row, history), FuelMagnitude = Magnitude(row.FuelLitres),
                };
            case TripField.FuelCost:
                return this with { PricePerLitre = PriceOf(row, history), PriceGrid = GridOf(row, history), CostMagnitude = Magnitude(row.FuelCost) };
            case TripField.Revenue:
                return this with { RevenuePerKm = RevenueOf(row.TripKm, row.Revenue, history), RevenueMagnitude = RevenueMagnitudeOf(row.TripKm, row.Revenue, history) };
            case TripField.OdometerStart or TripField.OdometerEnd when row.Distance is not null:
                return this with { Arithmetic = ArithmeticOf(row) };
            default:
                var km = row.TripKm;
                return this with
                {
                    Arithmetic = ArithmeticOf(row), KmPerLitre = KmPerLitreOf(km, row.FuelLitres, history),
                    RevenuePerKm = RevenueOf(km, row.Revenue, history), KmMagnitude = KmMagnitudeOf(km),
                    RevenueMagnitude = RevenueMagnitudeOf(km, row.Revenue, history),
                };
        }
    }

    private static double ArithmeticOf(in TripValues row)
    {
        var arithmetic = 0.0;
        if (row is { OdometerStart: { } start, OdometerEnd: { } end, Distance: { } distance } && Math.Abs(end - start - distance) > 0.5)
        {
            arithmetic += LogImpossible;
        }
        if (row.TripKm is <= 0)
        {
            arithmetic += LogImpossible;
        }
        if (row.OdometerStart < 0 || row.OdometerEnd < 0)
        {
            arithmetic += LogImpossible;
        }
        return arithmetic;
    }

    private static double KmPerLitreOf(double? km, double? litres, in HistorySnapshot history) =>
        km is > 0 && litres is > 0 ? history.KmPerLitre.LogDensity(Math.Log(km.Value / litres.Value)) : 0;

    private static double PriceOf(in TripValues row, in HistorySnapshot history) =>
        row.FuelLitres is > 0 and var litres && row.FuelCost is > 0 and var cost ? history.PricePerLitre.LogDensity(Math.Log(cost / litres)) : 0;

    private static double GridOf(in TripValues row, in HistorySnapshot history) =>
        history.PriceGridShare is { } fits && row.FuelLitres is > 0 and var litres && row.FuelCost is > 0 and var cost
            ? Math.Log(PumpPriceGrid.Fits(litres, cost) ? fits : 1 - fits)
            : 0;

    private static double RevenueOf(double? km, double? revenue, in HistorySnapshot history) =>
        km is > 0 && revenue is > 0 ? history.Revenue.LogDensity(km.Value, revenue.Value) : 0;

    private static double KmMagnitudeOf(double? km) => km is > 0 ? -Math.Log(km.Value) : 0;

    // With a revenue model the density of revenue is already scaled by the km; without one it has the 1/x prior.
    private static double RevenueMagnitudeOf(double? km, double? revenue, in HistorySnapshot history) =>
        history.Revenue.Residual.IsKnown && km is > 0 ? 0 : Magnitude(revenue);

    private static double Magnitude(double? value) => value switch
    {
        > 0 => -Math.Log(value.Value),
        < 0 => LogImpossible,
        _ => 0,
    };
}
