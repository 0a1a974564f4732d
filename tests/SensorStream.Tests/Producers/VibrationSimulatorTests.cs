using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Vibration;
using SensorStream.StreamProcessors.Faults;

namespace SensorStream.Tests.Producers;

public sealed class VibrationSimulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static VibrationSimulationOptions Options(params (string Machine, VibrationFault Fault)[] fixedFaults)
    {
        var options = new VibrationSimulationOptions();
        foreach (var (machine, fault) in fixedFaults)
        {
            options.FixedFaults[machine] = fault;
        }
        return options;
    }

    [Fact]
    public void SameSeedAndStart_GiveTheSameBlocks_SampleForSample()
    {
        var first = new VibrationSimulator(Options(), 7, Start).Events().Take(400).ToList();
        var second = new VibrationSimulator(Options(), 7, Start).Events().Take(400).ToList();
        var other = new VibrationSimulator(Options(), 8, Start).Events().Take(400).ToList();

        Assert.Equal(first.Select(e => (e.Key, e.Value.EventTime, e.Headers[0].Value)), second.Select(e => (e.Key, e.Value.EventTime, e.Headers[0].Value)));
        Assert.All(first.Zip(second), pair => Assert.Equal(pair.First.Value.Samples, pair.Second.Value.Samples));
        Assert.NotEqual(first[0].Value.Samples, other[0].Value.Samples);
    }

    [Fact]
    public void Blocks_Are256SamplesAt2560Hz_ForTwentySensors_EveryHundredMilliseconds()
    {
        var events = new VibrationSimulator(Options(), 1, Start).Events().Take(40).ToList();

        Assert.Equal(20, events.Select(e => e.Key).Distinct().Count());
        Assert.Contains("g3/sensor4", events.Select(e => e.Key));
        Assert.All(events, e => Assert.Equal((256, 2560.0), (e.Value.Samples.Length, e.Value.SampleRateHz)));
        Assert.Equal(Start.AddMilliseconds(100), events[20].Value.EventTime);
        Assert.Equal(3000, events.Single(e => e.Key == "g3/sensor1" && e.Value.EventTime == Start).Value.ShaftSpeedRpm);
    }

    /// <summary>Amplitudes at multiples of the running speed from 16 consecutive blocks (4 096 samples: 0.625 Hz bins).</summary>
    private static (double Half, double One, double Two, double Three, double Kurtosis) Signature(VibrationFault fault, int seed = 3)
    {
        var blocks = new VibrationSimulator(Options(("g1", fault)), seed, Start).Events()
            .Where(e => e.Key == "g1/sensor2").Take(16).ToList();
        Assert.All(blocks, b => Assert.Equal(TruthHeaders.FaultClass(fault), b.Headers.Single(h => h.Key == TruthHeaders.Fault).Value));
        var signal = blocks.SelectMany(b => b.Value.Samples).ToArray();
        var spectrum = Fft.AmplitudeSpectrum(signal);
        const double BinHz = 2560.0 / 4096;
        double At(double hz) => spectrum[(int)Math.Round(hz / BinHz)];
        var mean = signal.Average(x => (double)x);
        var variance = signal.Average(x => Math.Pow(x - mean, 2));
        var kurtosis = signal.Average(x => Math.Pow(x - mean, 4)) / (variance * variance);
        return (At(12.5), At(25), At(50), At(75), kurtosis);
    }

    [Fact]
    public void Normal_HasOnlyASmallRunningSpeedComponent()
    {
        var s = Signature(VibrationFault.Normal);

        Assert.InRange(s.One, 0.04, 0.15);
        Assert.True(s.Two < 0.05 && s.Three < 0.02 && s.Half < 0.02, $"{s}");
        Assert.InRange(s.Kurtosis, 1.5, 3.5);
    }

    [Fact]
    public void MassUnbalance_IsDominatedByOneTimesRunningSpeed()
    {
        var s = Signature(VibrationFault.MassUnbalance);

        Assert.True(s.One > 0.35, $"1x {s.One}");
        Assert.True(s.One > 5 * s.Two && s.One > 10 * s.Three, $"{s}");
        Assert.True(s.Half < 0.02, $"0.5x {s.Half}");
    }

    [Fact]
    public void SupportLooseness_ShowsHarmonicsSubharmonicsAndImpacts()
    {
        var s = Signature(VibrationFault.SupportLooseness);

        Assert.True(s.Two > 0.15 && s.Three > 0.12, $"2x {s.Two}, 3x {s.Three}");
        Assert.True(s.Two > s.One, $"harmonics outgrow 1x: {s}");
        Assert.True(s.Half > 0.06, $"0.5x {s.Half}");
        Assert.True(s.Kurtosis > 3.5, $"impacts make the signal impulsive: kurtosis {s.Kurtosis}");
    }

    [Fact]
    public void UnbalanceAndLooseness_CombineBothSignatures()
    {
        var s = Signature(VibrationFault.UnbalanceAndLooseness);

        Assert.True(s.One > 0.35, $"1x {s.One}");
        Assert.True(s.Two > 0.15 && s.Half > 0.06, $"{s}");
    }

    [Fact]
    public void FaultSchedule_MovesMachinesInAndOutOfFaults_AndTheHeaderFollowsIt()
    {
        var options = new VibrationSimulationOptions { MeanHealthyDuration = TimeSpan.FromSeconds(30), MeanFaultDuration = TimeSpan.FromSeconds(20) };
        var perMachine = new VibrationSimulator(options, 11, Start).Events()
            .TakeWhile(e => e.Value.EventTime < Start.AddMinutes(10))
            .Where(e => e.Value.SensorId == "sensor1")
            .GroupBy(e => e.Value.MachineId)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Headers[0].Value).ToList());

        Assert.Equal(5, perMachine.Count);
        foreach (var (machine, labels) in perMachine)
        {
            var changes = labels.Zip(labels.Skip(1)).Count(p => p.First != p.Second);
            Assert.True(changes >= 4, $"{machine} changed condition {changes} times in 10 minutes");
            Assert.Contains("0", labels);
            Assert.True(labels.Distinct().Count() >= 2);
        }
        Assert.Equal(["0", "1", "2", "3"], perMachine.Values.SelectMany(l => l).Distinct().Order());
    }

    [Fact]
    public void ConsecutiveBlocks_JoinWithoutASeam()
    {
        var blocks = new VibrationSimulator(Options(("g2", VibrationFault.MassUnbalance)), 5, Start).Events()
            .Where(e => e.Key == "g2/sensor1").Take(2).ToList();
        var noiseFree = new VibrationSimulationOptions { NoiseG = 0 };
        noiseFree.FixedFaults["g2"] = VibrationFault.MassUnbalance;
        var clean = new VibrationSimulator(noiseFree, 5, Start).Events().Where(e => e.Key == "g2/sensor1").Take(2).SelectMany(e => e.Value.Samples).ToArray();

        // A 30 Hz tone sampled at 2560 Hz moves at most 2π·30/2560 of its amplitude per sample, seam included.
        var maxStep = clean.Zip(clean.Skip(1)).Max(p => Math.Abs(p.Second - p.First));
        Assert.True(Math.Abs(clean[256] - clean[255]) <= maxStep + 1e-6);
        Assert.Equal(2, blocks.Count);
    }
}
