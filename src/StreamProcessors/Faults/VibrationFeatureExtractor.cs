using System.Numerics;
using System.Runtime.InteropServices;
using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Faults;

/// <summary>
/// Computes <see cref="VibrationFeatures"/> from the consecutive blocks of one sensor in one event-time window (by
/// default 10 s: 100 blocks of 256 samples at 2 560 Hz). Any number of blocks of any size works; missing blocks and
/// NaN/infinite samples split the window into contiguous runs that are never spliced together (see
/// <see cref="WindowSamples"/>). The spectrum is a Welch average (<see cref="WelchSpectrum"/>) whose segment length is
/// the largest power of two that fits in the longest run, up to <see cref="VibrationFeatureOptions.MaxFftLength"/>.
/// Order amplitudes are read from the bins around each multiple of the running speed, including both neighbours when
/// the half orders are at least three bins apart. Keeps its buffers between calls and is therefore not thread-safe:
/// use one per processing thread.
/// </summary>
internal sealed class VibrationFeatureExtractor
{
    private readonly VibrationFeatureOptions _options;
    private readonly WindowSamples _window = new();
    private readonly WelchSpectrum _spectrum = new();

    /// <summary>An extractor with <paramref name="options"/>, or the defaults.</summary>
    public VibrationFeatureExtractor(VibrationFeatureOptions? options = null)
    {
        _options = options ?? new VibrationFeatureOptions();
        if (_options.MaxFftLength < _options.MinFftLength || !IsPowerOfTwo(_options.MaxFftLength) || !IsPowerOfTwo(_options.MinFftLength) || _options.MinFftLength < 2)
        {
            throw new ArgumentException($"FFT lengths must be powers of two with 2 <= min ({_options.MinFftLength}) <= max ({_options.MaxFftLength})", nameof(options));
        }
        if (!(_options.MinShaftSpeedRpm > 0 && _options.MaxShaftSpeedRpm > _options.MinShaftSpeedRpm))
        {
            throw new ArgumentException($"shaft speed range {_options.MinShaftSpeedRpm}–{_options.MaxShaftSpeedRpm} rpm is not a positive range", nameof(options));
        }
    }

    /// <summary>The features of one sensor's window.</summary>
    /// <param name="blocks">The window's blocks, one sensor, one sample rate, in any order.</param>
    /// <exception cref="ArgumentException">
    /// No blocks; blocks of several sensors or sample rates; no finite samples; or no run of
    /// <see cref="VibrationFeatureOptions.MinFftLength"/> contiguous finite samples for a spectrum.
    /// </exception>
    public VibrationFeatures Extract(IReadOnlyList<VibrationBlock> blocks)
    {
        _window.Load(blocks);
        var samples = _window.Samples;
        if (samples.IsEmpty)
        {
            throw new ArgumentException($"the window's {_window.BlockCount} block(s) hold no finite samples", nameof(blocks));
        }
        var longestRun = _window.Runs.Max(r => r.Length);
        var fftLength = (int)Math.Min(_options.MaxFftLength, FloorPowerOfTwo(longestRun));
        if (fftLength < _options.MinFftLength)
        {
            throw new ArgumentException(
                $"the longest run of contiguous finite samples is {longestRun}; a spectrum needs at least {_options.MinFftLength}", nameof(blocks));
        }
        var (rms, peak, kurtosis) = Moments(samples);
        _spectrum.Compute(samples, _window.Runs, fftLength, _window.SampleRateHz);

        var estimated = _window.ReportedShaftSpeedRpm is null;
        var shaftHz = _window.ReportedShaftSpeedRpm / 60
            ?? ShaftSpeedEstimator.Estimate(_spectrum, _options.MinShaftSpeedRpm / 60, _options.MaxShaftSpeedRpm / 60);
        // Reading ±1 bin recovers leakage, but only while that cannot reach the neighbouring half order.
        var neighbours = 0.5 * shaftHz / _spectrum.BinHz >= 3;
        double Order(double order) => _spectrum.AmplitudeAt(order * shaftHz, neighbours);
        var four = Order(4);
        var five = Order(5);
        var six = Order(6);
        return new VibrationFeatures(
            BlockCount: _window.BlockCount,
            SampleCount: samples.Length,
            ExcludedSampleCount: _window.ExcludedCount,
            SampleRateHz: _window.SampleRateHz,
            RmsG: rms,
            PeakG: peak,
            CrestFactor: rms > 0 ? peak / rms : 0,
            Kurtosis: kurtosis,
            ShaftSpeedRpm: shaftHz * 60,
            ShaftSpeedEstimated: estimated,
            HalfOrderG: Order(0.5),
            OneXG: Order(1),
            OneAndHalfOrderG: Order(1.5),
            TwoXG: Order(2),
            TwoAndHalfOrderG: Order(2.5),
            ThreeXG: Order(3),
            FourToSixXG: Math.Sqrt((four * four) + (five * five) + (six * six)),
            DominantFrequencyHz: _spectrum.DominantFrequencyHz(),
            FftLength: fftLength,
            SpectraAveraged: _spectrum.SegmentCount);
    }

    /// <summary>
    /// RMS and peak about the mean, and kurtosis, in two passes (the second about the mean, which keeps the fourth
    /// moment exact where raw power sums would cancel), SIMD-wide with the sums in double.
    /// </summary>
    private static (double Rms, double Peak, double Kurtosis) Moments(ReadOnlySpan<float> samples)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(samples);
        var tail = samples[(vectors.Length * Vector<float>.Count)..];
        var sumVector = Vector<double>.Zero;
        var minVector = new Vector<float>(float.MaxValue);
        var maxVector = new Vector<float>(float.MinValue);
        foreach (var v in vectors)
        {
            Vector.Widen(v, out var low, out var high);
            sumVector += low + high;
            minVector = Vector.Min(minVector, v);
            maxVector = Vector.Max(maxVector, v);
        }
        var sum = Vector.Sum(sumVector);
        var min = double.MaxValue;
        var max = double.MinValue;
        for (var i = 0; i < Vector<float>.Count; i++)
        {
            min = Math.Min(min, minVector[i]);
            max = Math.Max(max, maxVector[i]);
        }
        foreach (var x in tail)
        {
            sum += x;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
        var mean = sum / samples.Length;

        var meanVector = new Vector<double>(mean);
        var m2Vector = Vector<double>.Zero;
        var m4Vector = Vector<double>.Zero;
        foreach (var v in vectors)
        {
            Vector.Widen(v, out var low, out var high);
            var lowSquare = (low - meanVector) * (low - meanVector);
            var highSquare = (high - meanVector) * (high - meanVector);
            m2Vector += lowSquare + highSquare;
            m4Vector += (lowSquare * lowSquare) + (highSquare * highSquare);
        }
        var m2 = Vector.Sum(m2Vector);
        var m4 = Vector.Sum(m4Vector);
        foreach (var x in tail)
        {
            var square = (x - mean) * (x - mean);
            m2 += square;
            m4 += square * square;
        }
        m2 /= samples.Length;
        m4 /= samples.Length;
        var peak = Math.Max(max - mean, mean - min);
        return m2 > 0 ? (Math.Sqrt(m2), peak, m4 / (m2 * m2)) : (0, peak, 0);
    }

    private static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;

    private static long FloorPowerOfTwo(int value) => 1L << BitOperations.Log2((uint)value);
}
