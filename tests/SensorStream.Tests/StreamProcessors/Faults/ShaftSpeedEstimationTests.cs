using SensorStream.Contracts.Events;
using SensorStream.Producers.Vibration;
using SensorStream.StreamProcessors.Faults;

namespace SensorStream.Tests.StreamProcessors.Faults;

public sealed class ShaftSpeedEstimationTests
{
    private readonly VibrationFeatureExtractor _extractor = new();

    public static TheoryData<string, VibrationFault> MachinesAndFaults()
    {
        var data = new TheoryData<string, VibrationFault>();
        foreach (var machine in new[] { "g1", "g2", "g3", "g4", "g5" })
        {
            foreach (var fault in FaultConfusionMatrix.Classes)
            {
                data.Add(machine, fault);
            }
        }
        return data;
    }

    /// <summary>Looseness is the hard case: its half orders make half the running speed fit the spectrum too.</summary>
    [Theory]
    [MemberData(nameof(MachinesAndFaults))]
    public void WithoutTachometer_RunningSpeedIsFoundFromTheSpectrum_ForEveryMachineAndCondition(string machine, VibrationFault fault)
    {
        var options = new VibrationSimulationOptions { ReportShaftSpeed = false };
        options.FixedFaults[machine] = fault;
        var blocks = new VibrationSimulator(options, 5, TestBlocks.Start).Events()
            .Where(e => e.Key == $"{machine}/sensor3").Take(100).Select(e => e.Value).ToList();
        var trueRpm = options.Machines.Single(m => m.MachineId == machine).ShaftSpeedRpm;

        var f = _extractor.Extract(blocks);

        Assert.True(f.ShaftSpeedEstimated);
        Assert.InRange(f.ShaftSpeedRpm, trueRpm * 0.998, trueRpm * 1.002);
    }

    [Fact]
    public void WithoutTachometer_HalfOrdersAndStrongSecondHarmonic_DoNotFoolTheEstimate()
    {
        // 1 517 rpm (off the bin grid), a weak 1x, strong 2x and half orders as large as the harmonics beside them.
        const double Hz = 1517 / 60.0;
        double[] orders = [0.5, 1, 1.5, 2, 2.5, 3, 4];
        double[] amplitudes = [0.15, 0.1, 0.15, 0.3, 0.12, 0.2, 0.1];
        var noise = TestBlocks.Noise(0.03, 9);
        double Signal(double t) => noise(t) + orders.Zip(amplitudes).Sum(p => p.Second * Math.Sin((2 * Math.PI * p.First * Hz * t) + p.First));

        var f = _extractor.Extract(TestBlocks.From(Signal, 100, shaftSpeedRpm: null));

        Assert.InRange(f.ShaftSpeedRpm, 1517 * 0.998, 1517 * 1.002);
        Assert.InRange(f.TwoXG, 0.29, 0.31);
    }

    [Fact]
    public void WithoutTachometer_APureToneIsTheRunningSpeed()
    {
        var f = _extractor.Extract(TestBlocks.From(TestBlocks.Sine(0.6, 41.3), 50, shaftSpeedRpm: null));

        Assert.InRange(f.ShaftSpeedRpm / 60, 41.25, 41.35);
        Assert.InRange(f.OneXG, 0.59, 0.61);
    }

    [Fact]
    public void WithoutTachometer_NoiseAlone_StillGivesASpeedInsideTheSearchRange()
    {
        var f = _extractor.Extract(TestBlocks.From(TestBlocks.Noise(0.05, 3), 20, shaftSpeedRpm: null));

        Assert.True(f.ShaftSpeedEstimated);
        Assert.InRange(f.ShaftSpeedRpm, 300, 6000);
    }

    [Fact]
    public void WithoutTachometer_ASpectrumTooCoarseForTheRange_StillGivesASpeedInsideIt()
    {
        // 16 samples at 2 560 Hz: 160 Hz bins, wider than the whole 5-100 Hz search range.
        var f = _extractor.Extract(TestBlocks.From(TestBlocks.Sine(0.6, 25), 1, size: 16, shaftSpeedRpm: null));

        Assert.Equal(16, f.FftLength);
        Assert.InRange(f.ShaftSpeedRpm, 300, 6000);
    }

    [Fact]
    public void ReportedSpeed_IsUsedAsIs()
    {
        var f = _extractor.Extract(TestBlocks.From(TestBlocks.Sine(0.6, 41.3), 50, shaftSpeedRpm: 1234));

        Assert.Equal(1234, f.ShaftSpeedRpm, 9);
        Assert.False(f.ShaftSpeedEstimated);
    }
}
