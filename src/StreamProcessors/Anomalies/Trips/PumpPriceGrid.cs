namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// Fuel is sold at a pump price quoted to a tenth of a cent and paid to the cent, so a receipt's cost is litres × a
/// three-decimal price, rounded. For a tank of more than ten litres few costs fit that grid, which exposes small slips
/// in cost or litres that the price band cannot see. The checker only relies on it once a truck's own history shows
/// its receipts fit.
/// </summary>
internal static class PumpPriceGrid
{
    private const double StepsPerUnit = 1000;
    private const double HalfCent = 0.005;

    // Doubles carry cost and litres to ~1e-13 relative; a millionth of a price step absorbs that and nothing more.
    private const double Slack = 1e-6;

    /// <summary>Whether some price in steps of 0.001 gives <paramref name="cost"/> for <paramref name="litres"/>, to the cent.</summary>
    public static bool Fits(double litres, double cost)
    {
        if (!(litres > 0) || !(cost > 0) || litres > 1e9 || cost > 1e12)
        {
            return false;
        }
        var lowest = Math.Ceiling(((cost - HalfCent) / litres * StepsPerUnit) - Slack);
        var highest = Math.Floor(((cost + HalfCent) / litres * StepsPerUnit) + Slack);
        return lowest <= highest;
    }
}
