namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// Log-likelihood of a row's values under a truck's history, term by term (each term the log probability of one field
/// given the ones it depends on), so the total ranks correction hypotheses and the terms explain a finding.
/// </summary>
internal readonly record struct RowScore(double Arithmetic, double KmPerLitre, double PricePerLitre, double PriceGrid, double RevenuePerKm, double Magnitudes)
{
    /// <summary>Log probability of something a correct row never shows (end − start ≠ distance, a negative quantity).</summary>
    public const double LogImpossible = -25;

    /// <summary>Sum of the terms.</summary>
    public double Total => Arithmetic + KmPerLitre + PricePerLitre + PriceGrid + RevenuePerKm + Magnitudes;

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
        double arithmetic = 0, kmPerLitre = 0, price = 0, grid = 0, revenue = 0, magnitudes = 0;
        if (row is { OdometerStart: { } start, OdometerEnd: { } end, Distance: { } distance } && Math.Abs(end - start - distance) > 0.5)
        {
            arithmetic += LogImpossible;
        }
        // Quantities enter with a scale-free 1/x prior: a hypothesis that makes a number ten times larger must
        // explain ten times as much spread, which keeps re-inserted digits honest.
        if (row.TripKm is { } km)
        {
            if (km > 0)
            {
                magnitudes -= Math.Log(km);
                if (row.FuelLitres is > 0 and var litres)
                {
                    kmPerLitre += history.KmPerLitre.LogDensity(Math.Log(km / litres));
                }
                if (row.Revenue is > 0 and var earned)
                {
                    revenue += history.Revenue.LogDensity(km, earned);
                }
            }
            else
            {
                arithmetic += LogImpossible;
            }
        }
        if (row.FuelLitres is { } fuel)
        {
            magnitudes += fuel > 0 ? -Math.Log(fuel) : fuel < 0 ? LogImpossible : 0;
            if (fuel > 0 && row.FuelCost is > 0 and var cost)
            {
                price += history.PricePerLitre.LogDensity(Math.Log(cost / fuel));
                if (history.PriceGridShare is { } fits)
                {
                    grid += Math.Log(PumpPriceGrid.Fits(fuel, cost) ? fits : 1 - fits);
                }
            }
        }
        magnitudes += Magnitude(row.FuelCost);
        // With a revenue model the density of revenue is already scaled by the km; without one it has the 1/x prior.
        if (!history.Revenue.Residual.IsKnown || row.TripKm is not > 0)
        {
            magnitudes += Magnitude(row.Revenue);
        }
        if (row.OdometerStart < 0 || row.OdometerEnd < 0)
        {
            arithmetic += LogImpossible;
        }
        return new RowScore(arithmetic, kmPerLitre, price, grid, revenue, magnitudes);
    }

    private static double Magnitude(double? value) => value switch
    {
        > 0 => -Math.Log(value.Value),
        < 0 => LogImpossible,
        _ => 0,
    };
}
