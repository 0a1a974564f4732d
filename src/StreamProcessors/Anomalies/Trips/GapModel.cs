namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// How far a trip starts from where the truck's last logged trip ended: usually exactly there, sometimes up to
/// <see cref="MaxGapKm"/> later (an unlogged drive), per trip in between; never earlier.
/// </summary>
/// <param name="ZeroShare">Share of trips starting exactly where the previous one ended.</param>
/// <param name="MaxGapKm">Longest unlogged drive between two trips, km.</param>
internal readonly record struct GapModel(double ZeroShare, double MaxGapKm)
{
    /// <summary>A trip starting before the last one ended: the odometer does not run backwards.</summary>
    public const double LogBackwards = -20;

    /// <summary>A longer unlogged drive than usual: rare, but real logs have them.</summary>
    public const double LogTooLong = -12;

    /// <summary>Log probability of <paramref name="gapKm"/> after <paramref name="hops"/> trips whose own odometers are unknown, plus one.</summary>
    public double LogMass(double gapKm, int hops)
    {
        var longest = MaxGapKm * hops;
        return gapKm switch
        {
            < -0.5 => LogBackwards,
            < 0.5 => hops * Math.Log(ZeroShare),
            _ when gapKm <= longest + 0.5 => Math.Log(1 - Math.Pow(ZeroShare, hops)) - Math.Log(Math.Max(longest, 1)),
            _ => LogTooLong,
        };
    }
}
