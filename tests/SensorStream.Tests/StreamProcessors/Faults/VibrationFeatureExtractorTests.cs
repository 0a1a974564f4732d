using SensorStream.StreamProcessors.Faults;

namespace SensorStream.Tests.StreamProcessors.Faults;

public sealed class VibrationFeatureExtractorTests
{
    private readonly VibrationFeatureExtractor _extractor = new();

    [Theory]
    [InlineData(1500, 0.5)]   // 25 Hz: on an exact bin of the 4 096-point spectrum
    [InlineData(1517, 0.5)]   // 25.283 Hz: almost half-way between bins
    [InlineData(3600, 0.05)]
    [InlineData(1200, 1.2)]
    public void Sine_ReadsBackAmplitudeAndFrequency_AtOneTimesRunningSpeed(double rpm, double amplitude)
    {
        var f = _extractor.Extract(TestBlocks.From(TestBlocks.Sine(amplitude, rpm / 60), 100, shaftSpeedRpm: rpm));

        Assert.InRange(f.OneXG / amplitude, 0.98, 1.02);
        Assert.InRange(f.DominantFrequencyHz, (rpm / 60) - 0.1, (rpm / 60) + 0.1);
        Assert.InRange(f.RmsG / (amplitude / Math.Sqrt(2)), 0.995, 1.005);
        Assert.InRange(f.CrestFactor, Math.Sqrt(2) * 0.995, Math.Sqrt(2) * 1.005);
        Assert.InRange(f.Kurtosis, 1.49, 1.51);
        Assert.True(f.TwoXG < 0.002 * amplitude && f.HalfOrderG < 0.002 * amplitude, $"leakage: 2x {f.TwoXG}, 0.5x {f.HalfOrderG}");
        Assert.Equal((100, 25_600, 4096, 12, false), (f.BlockCount, f.SampleCount, f.FftLength, f.SpectraAveraged, f.ShaftSpeedEstimated));
    }

    [Fact]
    public void EveryOrder_IsReadAtItsOwnMultipleOfRunningSpeed()
    {
        double[] orders = [0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6];
        double[] amplitudes = [0.11, 0.7, 0.09, 0.3, 0.05, 0.2, 0.12, 0.08, 0.06];
        double Signal(double t) => orders.Zip(amplitudes).Sum(p => p.Second * Math.Sin((2 * Math.PI * p.First * 30 * t) + p.First));

        var f = _extractor.Extract(TestBlocks.From(Signal, 100, shaftSpeedRpm: 1800));

        double[] read = [f.HalfOrderG, f.OneXG, f.OneAndHalfOrderG, f.TwoXG, f.TwoAndHalfOrderG, f.ThreeXG];
        Assert.All(read.Zip(amplitudes), p => Assert.InRange(p.First / p.Second, 0.98, 1.02));
        Assert.InRange(f.FourToSixXG / Math.Sqrt((0.12 * 0.12) + (0.08 * 0.08) + (0.06 * 0.06)), 0.98, 1.02);
        Assert.Equal(30, f.DominantFrequencyHz, 0.05);
    }

    [Fact]
    public void GaussianNoise_HasKurtosisThree_AndItsSigmaAsRms()
    {
        var f = _extractor.Extract(TestBlocks.From(TestBlocks.Noise(0.1, 42), 100));

        Assert.InRange(f.Kurtosis, 2.85, 3.15);
        Assert.InRange(f.RmsG, 0.098, 0.102);
        Assert.InRange(f.CrestFactor, 3.5, 5); // the largest of 25 600 normal samples lies about 4 sigma out
        Assert.True(f.OneXG < 0.01, $"1x of white noise {f.OneXG}");
    }

    [Fact]
    public void DcOffset_IsNotVibration()
    {
        var f = _extractor.Extract(TestBlocks.From(t => 2 + (0.5 * Math.Sin(2 * Math.PI * 25 * t)), 100));

        Assert.InRange(f.RmsG, 0.353, 0.355);
        Assert.InRange(f.PeakG, 0.499, 0.501);
    }

    [Fact]
    public void MissingBlocks_SplitTheWindow_InsteadOfSplicingTheSignalAcrossTheGap()
    {
        var blocks = TestBlocks.From(TestBlocks.Sine(1, 25), 100);
        // 0.35 s missing: spliced, the 25 Hz tone would jump by 8.75 cycles, i.e. half a cycle out of phase.
        var gapped = blocks.Where((_, i) => i is < 40 or > 42).ToList();

        var f = _extractor.Extract(gapped);

        Assert.Equal((97, 97 * 256), (f.BlockCount, f.SampleCount));
        Assert.InRange(f.OneXG, 0.98, 1.02);
        // A phase jump would smear the tone over every bin; kept apart, nothing appears off the tone.
        Assert.True(f.HalfOrderG < 0.002 && f.OneAndHalfOrderG < 0.002 && f.TwoXG < 0.002, $"0.5x {f.HalfOrderG}, 1.5x {f.OneAndHalfOrderG}, 2x {f.TwoXG}");
    }

    [Fact]
    public void MissingBlocks_ShortenTheFft_WhenNoRunIsLongEnough()
    {
        var blocks = TestBlocks.From(TestBlocks.Sine(1, 25), 20);
        var gapped = blocks.Where((_, i) => i != 10).ToList();

        var f = _extractor.Extract(gapped);

        Assert.Equal(2048, f.FftLength); // longest run: 10 blocks = 2 560 samples
        Assert.InRange(f.OneXG, 0.98, 1.02);
    }

    [Fact]
    public void BlocksOutOfOrder_GiveTheSameFeaturesAsInOrder()
    {
        var blocks = TestBlocks.From(t => TestBlocks.Sine(0.4, 25)(t) + TestBlocks.Sine(0.1, 75)(t), 30);
        var shuffled = blocks.OrderBy(b => b.Samples[0]).ToList();

        Assert.Equal(_extractor.Extract(blocks), _extractor.Extract(shuffled));
    }

    [Fact]
    public void RepeatedBlock_IsCountedOnce()
    {
        var blocks = TestBlocks.From(TestBlocks.Sine(0.4, 25), 30);
        var repeated = blocks.Take(10).Append(blocks[9]).Concat(blocks.Skip(10)).ToList();

        Assert.Equal(_extractor.Extract(blocks), _extractor.Extract(repeated));
    }

    [Fact]
    public void SingleBlock_UsesItsWholeLengthAsTheFft()
    {
        var f = _extractor.Extract(TestBlocks.From(TestBlocks.Sine(0.5, 50), 1, shaftSpeedRpm: 3000));

        Assert.Equal((1, 256, 256, 1), (f.BlockCount, f.SampleCount, f.FftLength, f.SpectraAveraged));
        Assert.InRange(f.OneXG, 0.49, 0.51);
    }

    [Fact]
    public void OtherBlockSizesAndSampleRates_Work()
    {
        var f = _extractor.Extract(TestBlocks.From(TestBlocks.Sine(0.3, 29.5), 50, size: 1000, sampleRateHz: 10_000, shaftSpeedRpm: 29.5 * 60));

        Assert.Equal((50_000, 4096), (f.SampleCount, f.FftLength));
        Assert.InRange(f.OneXG, 0.294, 0.306);
        Assert.Equal(10_000, f.SampleRateHz);
    }

    [Fact]
    public void NanAndInfiniteSamples_AreExcluded_AndSplitTheirRun()
    {
        var clean = TestBlocks.From(TestBlocks.Sine(0.5, 25), 100);
        var dirty = TestBlocks.From(TestBlocks.Sine(0.5, 25), 100);
        dirty[30].Samples[17] = float.NaN;
        dirty[60].Samples[0] = float.PositiveInfinity;
        dirty[60].Samples[1] = float.NaN;

        var f = _extractor.Extract(dirty);
        var reference = _extractor.Extract(clean);

        Assert.Equal((25_597, 3), (f.SampleCount, f.ExcludedSampleCount));
        Assert.Equal(reference.RmsG, f.RmsG, 0.001);
        Assert.Equal(reference.PeakG, f.PeakG, 0.001);
        Assert.InRange(f.OneXG, 0.49, 0.51);
        Assert.True(f.HalfOrderG < 0.002, $"0.5x {f.HalfOrderG}");
    }

    [Fact]
    public void NoBlocks_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => _extractor.Extract([]));

        Assert.Contains("at least one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyNanSamples_IsRejected()
    {
        var blocks = TestBlocks.From(_ => double.NaN, 3);

        var error = Assert.Throws<ArgumentException>(() => _extractor.Extract(blocks));

        Assert.Contains("no finite samples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooFewContiguousSamplesForASpectrum_IsRejected()
    {
        var blocks = TestBlocks.From(TestBlocks.Sine(0.5, 25), 4, size: 8);
        var apart = blocks.Where((_, i) => i % 2 == 0).ToList();

        var error = Assert.Throws<ArgumentException>(() => _extractor.Extract(apart));

        Assert.Contains("at least 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DifferentSampleRatesInOneWindow_AreRejected_NamingBoth()
    {
        var blocks = TestBlocks.From(TestBlocks.Sine(0.5, 25), 10);
        blocks[4] = blocks[4] with { SampleRateHz = 5120 };

        var error = Assert.Throws<ArgumentException>(() => _extractor.Extract(blocks));

        Assert.Contains("one sample rate", error.Message, StringComparison.Ordinal);
        Assert.Contains("2560 Hz", error.Message, StringComparison.Ordinal);
        Assert.Contains("5120 Hz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlocksOfDifferentSensors_AreRejected()
    {
        var blocks = TestBlocks.From(TestBlocks.Sine(0.5, 25), 10);
        blocks[4] = blocks[4] with { SensorId = "sensor2" };

        var error = Assert.Throws<ArgumentException>(() => _extractor.Extract(blocks));

        Assert.Contains("g1/sensor2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportedSpeeds_AreAveraged_AndMissingOnesIgnored()
    {
        var blocks = TestBlocks.From(TestBlocks.Sine(0.5, 25), 10);
        blocks[0] = blocks[0] with { ShaftSpeedRpm = null };
        blocks[1] = blocks[1] with { ShaftSpeedRpm = 1510 };
        blocks[2] = blocks[2] with { ShaftSpeedRpm = double.NaN };

        var f = _extractor.Extract(blocks);

        Assert.Equal((1500.0 * 7) + 1510, f.ShaftSpeedRpm * 8, 6);
        Assert.False(f.ShaftSpeedEstimated);
    }

    [Fact]
    public void SecondWindow_AllocatesLittle_BecauseBuffersAreReused()
    {
        var blocks = TestBlocks.From(TestBlocks.Sine(0.5, 25), 100);
        _extractor.Extract(blocks);

        var before = GC.GetAllocatedBytesForCurrentThread();
        _extractor.Extract(blocks);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 2048, $"allocated {allocated} bytes");
    }
}
