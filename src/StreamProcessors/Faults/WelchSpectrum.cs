namespace SensorStream.StreamProcessors.Faults;

/// <summary>
/// Welch's averaged power spectrum of a window: Hann-windowed segments of one power-of-two length, overlapping by half,
/// taken only inside runs of contiguous samples, their powers averaged. Averaging power (not amplitude) keeps a steady
/// tone's amplitude exact while the noise floor's scatter shrinks with every segment. Plans and buffers are kept for
/// reuse; not thread-safe.
/// </summary>
internal sealed class WelchSpectrum
{
    // Σ w[k]²/w[0]² over the Hann main lobe's bins −1, 0, +1: a tone's power spread over three bins, summed and divided
    // by this, reads its amplitude² within 2 % wherever it falls between bins (a single bin loses up to 28 % of power).
    private const double HannThreeBinGain = 1.5;

    private readonly Dictionary<int, RealFft> _plans = [];
    private double[] _power = [];

    /// <summary>Segment (FFT) length of the last computation.</summary>
    public int FftLength { get; private set; }

    /// <summary>Segments averaged in the last computation.</summary>
    public int SegmentCount { get; private set; }

    /// <summary>Width of one bin, Hz.</summary>
    public double BinHz { get; private set; }

    /// <summary>Number of bins, 0 (DC) to N/2 (Nyquist).</summary>
    public int BinCount => (FftLength / 2) + 1;

    /// <summary>Averaged power per bin, g² (a sine of amplitude A on an exact bin reads A²).</summary>
    public ReadOnlySpan<double> Power => _power.AsSpan(0, BinCount);

    /// <summary>
    /// Averages the spectra of every <paramref name="fftLength"/>-sample segment that fits inside a run, hopping by half a
    /// segment and adding one segment flush with the run's end so its tail is not lost. Runs shorter than a segment
    /// are skipped.
    /// </summary>
    public void Compute(ReadOnlySpan<float> samples, IReadOnlyList<SampleRun> runs, int fftLength, double sampleRateHz)
    {
        if (!_plans.TryGetValue(fftLength, out var plan))
        {
            plan = new RealFft(fftLength);
            _plans[fftLength] = plan;
        }
        FftLength = fftLength;
        BinHz = sampleRateHz / fftLength;
        if (_power.Length < BinCount)
        {
            _power = new double[BinCount];
        }
        var power = _power.AsSpan(0, BinCount);
        power.Clear();
        SegmentCount = 0;
        var hop = fftLength / 2;
        foreach (var run in runs)
        {
            if (run.Length < fftLength)
            {
                continue;
            }
            var runSamples = samples.Slice(run.Start, run.Length);
            var offset = 0;
            for (; offset + fftLength <= run.Length; offset += hop)
            {
                plan.AddPower(runSamples.Slice(offset, fftLength), power);
                SegmentCount++;
            }
            if (offset - hop + fftLength < run.Length)
            {
                plan.AddPower(runSamples[^fftLength..], power);
                SegmentCount++;
            }
        }
        if (SegmentCount > 1)
        {
            foreach (ref var p in power)
            {
                p /= SegmentCount;
            }
        }
    }

    /// <summary>
    /// Amplitude, g, of a tone at <paramref name="hz"/>: the power of the nearest bin and, when
    /// <paramref name="useNeighbours"/>, of the bins either side (normalised so leakage between bins is recovered).
    /// Zero at or above Nyquist.
    /// </summary>
    public double AmplitudeAt(double hz, bool useNeighbours)
    {
        var bin = (int)Math.Round(hz / BinHz);
        if (bin < 0 || bin >= BinCount - 1)
        {
            return 0;
        }
        if (!useNeighbours)
        {
            return Math.Sqrt(_power[bin]);
        }
        var sum = _power[bin] + _power[bin + 1] + (bin > 0 ? _power[bin - 1] : 0);
        return Math.Sqrt(sum / HannThreeBinGain);
    }

    /// <summary>Frequency of the strongest bin above DC, Hz, refined between bins by a parabola through its log power and its neighbours'.</summary>
    public double DominantFrequencyHz()
    {
        var best = 1;
        for (var k = 2; k < BinCount; k++)
        {
            if (_power[k] > _power[best])
            {
                best = k;
            }
        }
        var offset = 0.0;
        if (best + 1 < BinCount && _power[best] > 0 && _power[best - 1] > 0 && _power[best + 1] > 0)
        {
            var left = Math.Log(_power[best - 1]);
            var centre = Math.Log(_power[best]);
            var right = Math.Log(_power[best + 1]);
            var curvature = left - (2 * centre) + right;
            offset = curvature < 0 ? Math.Clamp(0.5 * (left - right) / curvature, -0.5, 0.5) : 0;
        }
        return (best + offset) * BinHz;
    }
}
