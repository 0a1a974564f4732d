namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// How far a trip starts from where the truck's last logged trip ended: usually exactly there, sometimes up to
/// <see cref="MaxGapKm"/> later (an unlogged drive), per trip in between; never earlier.
/// </summary>
/// <param name="ZeroShare">Share of trips starting exactly where the previous one ended.</param>
/// <param name="MaxGapKm">Longest unlogged drive between two trips, km.</param>
internal readonly record struct GapModel(double ZeroShare, double MaxGapKm)
{
    /// <summary>A trip starting before the last one ended (e^−20): the odometer does not run backwards.</summary>
    public static readonly double BackwardsMass = Math.Exp(-20);

    /// <summary>A longer unlogged drive than usual (e^−12): rare, but real logs have them.</summary>
    public static readonly double TooLongMass = Math.Exp(-12);

    /// <summary>Probability that the trip starts exactly where the odometer stood, <paramref name="hops"/> trips on.</summary>
    public double ExactMass(int hops) => Math.Pow(ZeroShare, hops);

    /// <summary>Probability of each whole km of unlogged drive up to the longest, <paramref name="hops"/> trips on.</summary>
    public double UnloggedMassPerKm(int hops) => (1 - Math.Pow(ZeroShare, hops)) / Math.Max(MaxGapKm * hops, 1);

    /// <summary>Probability of <paramref name="gapKm"/> after <paramref name="hops"/> trips whose own odometers are unknown, plus one.</summary>
    public double Mass(double gapKm, int hops) => gapKm switch
    {
        < -0.5 => BackwardsMass,
        < 0.5 => ExactMass(hops),
        _ when gapKm <= (MaxGapKm * hops) + 0.5 => UnloggedMassPerKm(hops),
        _ => TooLongMass,
    };
}
