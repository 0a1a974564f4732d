namespace SensorStream.StreamProcessors.Faults;

/// <summary>
/// Finds the running speed (1×) in a spectrum when no tachometer reports it. A rotating machine's tones sit on
/// multiples of its running speed, but a loose machine also shows half orders (0.5×, 1.5×, 2.5×), which make half the
/// running speed explain the spectrum even better, and strong 2× makes twice the speed look plausible. So:
/// <list type="number">
/// <item>tonal bins are those with power above <see cref="ToneToFloor"/> times the spectrum's median (the noise floor);</item>
/// <item>a candidate speed f is scored on the tonal power between 0.4 f and 6.5 f (the orders a fault analysis reads):
/// the share of it within 1.5 bins of a multiple of f;</item>
/// <item>candidates are tried from the highest speed down in steps of 1/8 bin, and the first that explains at least
/// <see cref="MinExplained"/> of that power, where that power is at least <see cref="MinCoverage"/> of all tonal power
/// in the search range, wins: being the highest, it is the true speed rather than its half;</item>
/// <item>the winner is refined by a least-squares fit of its harmonics' power-weighted frequencies, so the higher
/// harmonics, which resolve speed best, pin it down.</item>
/// </list>
/// When no candidate qualifies (no tones above the floor), the strongest bin in the speed range is taken. The result
/// always lies in the range.
/// </summary>
internal static class ShaftSpeedEstimator
{
    /// <summary>A tonal bin has at least this multiple of the median bin power (about 10 dB over the noise).</summary>
    public const double ToneToFloor = 10;

    /// <summary>Share of the candidate's band power that must sit on its multiples.</summary>
    public const double MinExplained = 0.7;

    /// <summary>Share of all tonal power in the search range that the candidate's band must hold.</summary>
    public const double MinCoverage = 0.5;

    private const double LowestOrder = 0.4;
    private const double HighestOrder = 6.5;
    private const double ToleranceBins = 1.5;
    private const int StepsPerBin = 8;

    /// <summary>The running speed, Hz, between <paramref name="minHz"/> and <paramref name="maxHz"/>.</summary>
    public static double Estimate(WelchSpectrum spectrum, double minHz, double maxHz)
    {
        var power = spectrum.Power;
        var binHz = spectrum.BinHz;
        var floor = Median(power[1..]);
        var tones = new List<int>();
        var lowBin = Math.Max(1, (int)Math.Floor(LowestOrder * minHz / binHz));
        var highBin = Math.Min(power.Length - 1, (int)Math.Ceiling(HighestOrder * maxHz / binHz));
        var total = 0.0;
        for (var k = lowBin; k <= highBin; k++)
        {
            if (power[k] > ToneToFloor * floor)
            {
                tones.Add(k);
                total += power[k];
            }
        }
        var highestCandidate = maxHz / binHz;
        var lowestCandidate = Math.Max(minHz / binHz, 1);
        if (total > 0)
        {
            for (var step = (int)(highestCandidate * StepsPerBin); step >= lowestCandidate * StepsPerBin; step--)
            {
                var candidate = (double)step / StepsPerBin;
                var (explained, band) = Score(power, tones, candidate);
                if (band >= MinCoverage * total && explained >= MinExplained * band)
                {
                    return Refine(power, tones, candidate) * binHz;
                }
            }
        }
        var strongest = (int)Math.Ceiling(lowestCandidate);
        for (var k = strongest + 1; k <= Math.Min(highestCandidate, power.Length - 1); k++)
        {
            if (power[k] > power[strongest])
            {
                strongest = k;
            }
        }
        // A spectrum too coarse for the range has no bin inside it; the range's nearest end is the least wrong answer.
        return Math.Clamp(strongest * binHz, minHz, maxHz);
    }

    /// <summary>Tonal power on multiples of <paramref name="fundamental"/> (in bins) and all tonal power in its band.</summary>
    private static (double Explained, double Band) Score(ReadOnlySpan<double> power, List<int> tones, double fundamental)
    {
        var explained = 0.0;
        var band = 0.0;
        foreach (var k in tones)
        {
            if (k < LowestOrder * fundamental || k > HighestOrder * fundamental)
            {
                continue;
            }
            band += power[k];
            var order = Math.Round(k / fundamental);
            if (order >= 1 && Math.Abs(k - (order * fundamental)) <= ToleranceBins)
            {
                explained += power[k];
            }
        }
        return (explained, band);
    }

    /// <summary>Least-squares f minimising Σ P·(k − h·f)² over the tonal bins k explained as harmonic h, twice.</summary>
    private static double Refine(ReadOnlySpan<double> power, List<int> tones, double fundamental)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            var numerator = 0.0;
            var denominator = 0.0;
            foreach (var k in tones)
            {
                var order = Math.Round(k / fundamental);
                if (order >= 1 && k <= HighestOrder * fundamental && Math.Abs(k - (order * fundamental)) <= ToleranceBins)
                {
                    numerator += power[k] * order * k;
                    denominator += power[k] * order * order;
                }
            }
            if (denominator > 0)
            {
                fundamental = numerator / denominator;
            }
        }
        return fundamental;
    }

    private static double Median(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }
        var copy = values.ToArray();
        Array.Sort(copy);
        return copy[copy.Length / 2];
    }
}
