using SensorStream.Contracts.Events;

namespace SensorStream.Producers.Vibration;

/// <summary>
/// Acceleration of a rotating machine, in g, as vibration analysis describes each condition:
/// <list type="bullet">
/// <item><b>normal</b> — a small 1× running-speed component (residual unbalance) and broadband noise;</item>
/// <item><b>mass unbalance</b> — a dominant 1× component (0.5–0.9 g with severity), little else;</item>
/// <item><b>support looseness</b> — a train of 2×…6× harmonics of similar size, half-order sub-harmonics (0.5×, 1.5×,
/// 2.5×) and one impact per revolution, ringing at a 900 Hz structural resonance and decaying in about 1.5 ms;</item>
/// <item><b>both</b> — the dominant 1× of unbalance plus the looseness signature.</item>
/// </list>
/// The signal is a function of absolute sample time, so consecutive blocks join without a seam and may be
/// concatenated for longer FFTs.
/// </summary>
internal static class VibrationSignalModel
{
    private const double ResonanceHz = 900;
    private const double ImpactDecaySeconds = 0.0015;
    private const double ImpactWindowSeconds = 0.008;
    private static readonly double[] LoosenessHarmonics = [0.15, 0.28, 0.24, 0.18, 0.13, 0.09];
    private static readonly double[] LoosenessSubharmonics = [0.14, 0.11, 0.07];

    /// <summary>Fills <paramref name="samples"/> with the signal starting at absolute sample index <paramref name="firstSample"/>.</summary>
    public static void Generate(Span<float> samples, long firstSample, double sampleRateHz, double shaftHz, FaultEpisode episode,
        SensorPlacement sensor, double noiseG, Random random)
    {
        Span<double> signal = stackalloc double[samples.Length];
        signal.Clear();
        var unbalance = episode.Fault is VibrationFault.MassUnbalance or VibrationFault.UnbalanceAndLooseness;
        var looseness = episode.Fault is VibrationFault.SupportLooseness or VibrationFault.UnbalanceAndLooseness;
        var severity = episode.Severity;

        var oneX = unbalance ? 0.5 + (0.4 * (severity - 0.6) / 0.4) : looseness ? LoosenessHarmonics[0] : 0.08;
        AddTone(signal, firstSample, sampleRateHz, shaftHz, oneX, sensor.HarmonicPhases[0]);
        for (var k = 2; k <= SensorPlacement.Harmonics; k++)
        {
            var amplitude = looseness ? LoosenessHarmonics[k - 1] * (0.7 + (0.5 * severity)) : k == 2 ? 0.02 : 0;
            AddTone(signal, firstSample, sampleRateHz, k * shaftHz, amplitude, sensor.HarmonicPhases[k - 1]);
        }
        if (looseness)
        {
            for (var i = 0; i < LoosenessSubharmonics.Length; i++)
            {
                AddTone(signal, firstSample, sampleRateHz, (i + 0.5) * shaftHz, LoosenessSubharmonics[i] * (0.7 + (0.5 * severity)), sensor.SubharmonicPhases[i]);
            }
            AddImpacts(signal, firstSample, sampleRateHz, shaftHz, 1.5 + (1.5 * severity), sensor.ImpactPhase);
        }
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)((sensor.Gain * signal[i]) + (noiseG * Gaussian(random)));
        }
    }

    /// <summary>Adds A·sin(2πft + φ) by rotating a phasor, which is exact enough over a block and avoids a sine per sample.</summary>
    private static void AddTone(Span<double> signal, long firstSample, double sampleRateHz, double frequencyHz, double amplitude, double phase)
    {
        if (amplitude == 0 || frequencyHz >= sampleRateHz / 2)
        {
            return;
        }
        var step = 2 * Math.PI * frequencyHz / sampleRateHz;
        var angle = Math.IEEERemainder(step * firstSample, 2 * Math.PI) + phase;
        var (sin, cos) = Math.SinCos(angle);
        var (stepSin, stepCos) = Math.SinCos(step);
        for (var i = 0; i < signal.Length; i++)
        {
            signal[i] += amplitude * sin;
            (sin, cos) = ((sin * stepCos) + (cos * stepSin), (cos * stepCos) - (sin * stepSin));
        }
    }

    /// <summary>One decaying, ringing impact per revolution, its timing jittered by ±2 % of a revolution.</summary>
    private static void AddImpacts(Span<double> signal, long firstSample, double sampleRateHz, double shaftHz, double peakG, double impactPhase)
    {
        var period = 1 / shaftHz;
        var blockStart = firstSample / sampleRateHz;
        var blockEnd = (firstSample + signal.Length) / sampleRateHz;
        // Impacts that began up to one ring-down before the block still reach into it.
        var firstRevolution = (long)Math.Floor((blockStart - ImpactWindowSeconds) / period);
        for (var revolution = firstRevolution; (revolution + impactPhase) * period < blockEnd; revolution++)
        {
            // The jitter must be the same whichever block asks, so it comes from the revolution number, not the shared random.
            var jitter = ((HashToUnit(revolution) * 2) - 1) * 0.02 * period;
            var impactTime = ((revolution + impactPhase) * period) + jitter;
            var first = Math.Max(0, (int)Math.Ceiling((impactTime - blockStart) * sampleRateHz));
            var last = Math.Min(signal.Length - 1, (int)Math.Floor((impactTime + ImpactWindowSeconds - blockStart) * sampleRateHz));
            for (var i = first; i <= last; i++)
            {
                var tau = blockStart + (i / sampleRateHz) - impactTime;
                signal[i] += peakG * Math.Exp(-tau / ImpactDecaySeconds) * Math.Sin(2 * Math.PI * ResonanceHz * tau);
            }
        }
    }

    private static double HashToUnit(long value)
    {
        var x = (ulong)value * 0x9E3779B97F4A7C15UL;
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 29;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal sample (Box–Muller).</summary>
    internal static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
