namespace SensorStream.Producers.Vibration;

/// <summary>
/// What makes one sensor of a machine differ from its neighbours: its mounting gain and the phase at which each
/// harmonic and the impacts reach it. Fixed for a sensor for the whole run.
/// </summary>
internal sealed class SensorPlacement
{
    public const int Harmonics = 6;

    public SensorPlacement(Random random)
    {
        Gain = 0.8 + (0.4 * random.NextDouble());
        HarmonicPhases = [.. Enumerable.Range(0, Harmonics).Select(_ => random.NextDouble() * 2 * Math.PI)];
        SubharmonicPhases = [.. Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 2 * Math.PI)];
        ImpactPhase = random.NextDouble();
    }

    /// <summary>Mounting gain, 0.8–1.2.</summary>
    public double Gain { get; }

    /// <summary>Phase of 1×…6×, radians.</summary>
    public double[] HarmonicPhases { get; }

    /// <summary>Phase of 0.5×, 1.5×, 2.5×, radians.</summary>
    public double[] SubharmonicPhases { get; }

    /// <summary>Where in each revolution a looseness impact lands, as a fraction of the revolution.</summary>
    public double ImpactPhase { get; }
}
