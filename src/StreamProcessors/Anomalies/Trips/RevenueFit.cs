namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// A truck's revenue model, revenue ≈ <see cref="Fixed"/> + <see cref="PerKm"/> × km, and the band of the relative
/// residual (revenue − model) / (<see cref="PerKm"/> × km). A fixed part matters: short trips earn far more per km.
/// </summary>
/// <param name="Fixed">Fixed part per trip.</param>
/// <param name="PerKm">Rate per km.</param>
/// <param name="Residual">Band of the relative residual.</param>
/// <param name="Spread">Standard deviation of the relative residual.</param>
/// <param name="Samples">Trips the model was fitted on.</param>
/// <param name="MeanInverseKm">Mean of 1/km over those trips.</param>
/// <param name="InverseKmSquares">Sum of squared deviations of 1/km from <paramref name="MeanInverseKm"/>.</param>
internal readonly record struct RevenueFit(double Fixed, double PerKm, PlausibleBand Residual, double Spread, int Samples, double MeanInverseKm,
    double InverseKmSquares)
{
    /// <summary>No model yet.</summary>
    public static RevenueFit Unknown { get; } = new(0, 0, PlausibleBand.Unknown, 0, 0, 0, 0);

    /// <summary>Log density of earning <paramref name="revenue"/> on a trip of <paramref name="km"/> (0 without a model).</summary>
    public double LogDensity(double km, double revenue)
    {
        if (!Residual.IsKnown)
        {
            return 0;
        }
        var scale = PerKm * km;
        var residual = (revenue - Fixed - scale) / scale;
        // The fitted line is least certain far from the typical trip (mostly: very short ones, where the fixed part
        // dominates), so the band widens there by twice the standard error of the fit.
        var offset = (1 / km) - MeanInverseKm;
        var fitError = 2 * Spread * Math.Sqrt((1.0 / Samples) + (InverseKmSquares > 0 ? offset * offset / InverseKmSquares : 0));
        var effective = residual > Residual.High ? Math.Max(residual - fitError, Residual.High)
            : residual < Residual.Low ? Math.Min(residual + fitError, Residual.Low)
            : residual;
        return Residual.LogDensity(effective) - Math.Log(scale);
    }

    /// <summary>
    /// Least squares on revenue per km against 1/km (so every trip weighs by its relative error), fitted twice: the
    /// second time without the rows the first fit finds far off, so a mistake in the history cannot drag the model.
    /// </summary>
    public static RevenueFit Learn(double[] km, double[] revenue, int minSamples, Func<double[], PlausibleBand> band)
    {
        if (km.Length < minSamples)
        {
            return Unknown;
        }
        var keep = new bool[km.Length];
        Array.Fill(keep, true);
        var fit = Fit(km, revenue, keep);
        if (fit is null)
        {
            return Unknown;
        }
        var residuals = Residuals(km, revenue, keep, fit.Value);
        var first = band(residuals);
        for (var i = 0; i < km.Length; i++)
        {
            keep[i] = first.LogDensity(residuals[i]) > first.LogDensity(first.High) - 10;
        }
        fit = Fit(km, revenue, keep) ?? fit;
        var final = Residuals(km, revenue, keep, fit.Value);
        var finalBand = band(final);
        if (!finalBand.IsKnown)
        {
            return Unknown;
        }
        var mean = final.Average();
        var spread = Math.Sqrt(final.Sum(r => (r - mean) * (r - mean)) / Math.Max(final.Length - 2, 1));
        var inverse = km.Where((_, i) => keep[i]).Select(k => 1 / k).ToArray();
        var meanInverse = inverse.Average();
        return new RevenueFit(fit.Value.Fixed, fit.Value.PerKm, finalBand, spread, inverse.Length, meanInverse,
            inverse.Sum(x => (x - meanInverse) * (x - meanInverse)));
    }

    private static (double Fixed, double PerKm)? Fit(double[] km, double[] revenue, bool[] keep)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < km.Length; i++)
        {
            if (keep[i])
            {
                var x = 1 / km[i];
                var y = revenue[i] / km[i];
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
        }
        if (n < 2)
        {
            return null;
        }
        var spread = sxx - (sx * sx / n);
        // All trips (nearly) the same length: no way to tell the fixed part, so revenue is taken as proportional.
        var fixedPart = spread > 1e-12 * sxx ? (sxy - (sx * sy / n)) / spread : 0;
        var perKm = (sy - (fixedPart * sx)) / n;
        return perKm > 0 && double.IsFinite(fixedPart) ? (fixedPart, perKm) : null;
    }

    private static double[] Residuals(double[] km, double[] revenue, bool[] keep, (double Fixed, double PerKm) fit)
    {
        var residuals = new List<double>(km.Length);
        for (var i = 0; i < km.Length; i++)
        {
            if (keep[i])
            {
                var scale = fit.PerKm * km[i];
                residuals.Add((revenue[i] - fit.Fixed - scale) / scale);
            }
        }
        return [.. residuals];
    }
}
