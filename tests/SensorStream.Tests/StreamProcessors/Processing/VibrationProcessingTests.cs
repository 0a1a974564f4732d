using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Publishing;
using SensorStream.Producers.Vibration;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.StreamProcessors.Processing;

/// <summary>The vibration processor end to end on the embedded broker: windows, RMS status, diagnoses, bad and late blocks.</summary>
public sealed class VibrationProcessingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 4, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private TestBroker _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    /// <summary>Five machines, one per condition (g5 healthy too), a fixed condition each so every window has one truth.</summary>
    private static List<OutgoingEvent<VibrationBlock>> Simulate(TimeSpan duration, int seed) =>
        [.. new VibrationSimulator(new VibrationSimulationOptions
        {
            FixedFaults = new()
            {
                ["g1"] = VibrationFault.Normal,
                ["g2"] = VibrationFault.MassUnbalance,
                ["g3"] = VibrationFault.SupportLooseness,
                ["g4"] = VibrationFault.UnbalanceAndLooseness,
                ["g5"] = VibrationFault.Normal,
            },
        }, seed, Start).Events().TakeWhile(e => e.Value.EventTime < Start + duration)];

    [Fact]
    public async Task EveryClosedWindow_HasBruteForceStatistics_AndADiagnosisMatchingTheTruth()
    {
        var blocks = Simulate(TimeSpan.FromSeconds(80), seed: 41);
        ProcessingHarness.Publish(_broker, Topics.SensorsVibration, blocks);
        // Windows ending at or before 60 s are closed by the data after them (5 s out-of-orderness) whatever the idle timeout does.
        var expected = blocks.Where(b => b.Value.EventTime < Start.AddSeconds(60))
            .GroupBy(b => (b.Key, WindowStart: Start + (Window * Math.Floor((b.Value.EventTime - Start) / Window))))
            .ToDictionary(g => g.Key, g => (
                Samples: g.SelectMany(b => b.Value.Samples).Select(s => (double)s).ToList(),
                Rpm: g.First().Value.ShaftSpeedRpm!.Value,
                Truth: TruthHeaders.ParseFaultClass(g.Select(b => b.Headers.Single(h => h.Key == TruthHeaders.Fault).Value).Distinct().Single())));
        Assert.Equal(20 * 6, expected.Count);

        await using (ProcessingHarness.Start(_broker, ProcessingHarness.FastOptions("vibration-test")))
        {
            await TestTimeouts.WaitUntilAsync(() => Diagnoses().Count(d => d.Key.Start < Start.AddSeconds(60)) >= expected.Count,
                "every window of the first minute is diagnosed", TimeSpan.FromSeconds(90));
        }

        var windows = ProcessingHarness.FinalWindows(_broker);
        var diagnoses = Diagnoses();
        foreach (var ((key, start), (samples, rpm, truth)) in expected)
        {
            var w = windows[(key, "acceleration_g", start, start + Window)];
            Assert.Equal((EntityTypes.MachineSensor, samples.Count, samples.Min(), samples.Max()), (w.EntityType, (int)w.Count, w.Min, w.Max));
            Assert.Equal(samples.Average(), w.Avg, 9);
            Assert.Equal(Math.Sqrt(samples.Average(s => s * s)), w.Rms!.Value, 9);
            Assert.NotEqual(StatusLevel.Unknown, w.Status);

            var d = diagnoses[(key, start)];
            Assert.Equal(truth, d.Fault);
            Assert.Equal(key, $"{d.MachineId}/{d.SensorId}");
            Assert.Equal((100, start + Window, rpm), (d.BlockCount, d.WindowEnd, d.ShaftSpeedRpm!.Value));
            Assert.InRange(d.Confidence, 0.5, 1);
            Assert.NotEmpty(d.Drivers!);
        }
        // Status follows the RMS thresholds: one first assessment per sensor.
        var changes = TopicReader.ReadAll(_broker.BootstrapServers, Topics.StatusChanges).Select(r => ProcessingHarness.Decode<StatusChange>(r.Value)).ToList();
        Assert.Equal(20, changes.Count(c => c.PreviousLevel is null));
        Assert.All(changes, c => Assert.Equal(("vibration", "rms_g"), (c.SensorType, c.Metric)));
        Assert.Empty(TopicReader.ReadAll(_broker.BootstrapServers, Topics.DeadLetters));
    }

    [Fact]
    public async Task InvalidBlocks_AreDeadLettered_AndALateBlockGoesToLateEvents()
    {
        var blocks = Simulate(TimeSpan.FromSeconds(40), seed: 42).Where(b => b.Key == "g1/sensor1").ToList();
        var template = blocks[0].Value;
        var bad = new[]
        {
            template with { SampleRateHz = 0 },
            template with { Samples = [float.NaN, float.PositiveInfinity] },
            template with { MachineId = " " },
            template with { ShaftSpeedRpm = -5 },
        };
        var late = template with { EventTime = Start.AddSeconds(1) };
        ProcessingHarness.Publish(_broker, Topics.SensorsVibration,
            [.. blocks, .. bad.Select(b => new OutgoingEvent<VibrationBlock>("g1/sensor1", b, b.EventTime, [])),
             new OutgoingEvent<VibrationBlock>("g1/sensor1", late, late.EventTime, [])]);

        await using (ProcessingHarness.Start(_broker, ProcessingHarness.FastOptions("vibration-bad")))
        {
            await TestTimeouts.WaitUntilAsync(() => TopicReader.ReadAll(_broker.BootstrapServers, Topics.LateEvents).Count == 1 && TopicReader.ReadAll(_broker.BootstrapServers, Topics.DeadLetters).Count == bad.Length,
                "the bad blocks are dead-lettered and the late one is set aside", TimeSpan.FromSeconds(60));
        }

        var letters = TopicReader.ReadAll(_broker.BootstrapServers, Topics.DeadLetters).Select(r => ProcessingHarness.Decode<DeadLetter>(r.Value)).OrderBy(l => l.SourceOffset).ToList();
        Assert.All(letters, l => Assert.Equal("InvalidValue", l.ErrorReason));
        Assert.Contains("sample_rate_hz 0", letters[0].ErrorMessage);
        Assert.Contains("finite", letters[1].ErrorMessage);
        Assert.Contains("machine_id", letters[2].ErrorMessage);
        Assert.Contains("shaft_speed_rpm -5", letters[3].ErrorMessage);
        var first = ProcessingHarness.FinalWindows(_broker)[("g1/sensor1", "acceleration_g", Start, Start + Window)];
        Assert.Equal((100 * 256L, 1L), (first.Count, first.LateCount));
    }

    private Dictionary<(string Key, DateTimeOffset Start), VibrationDiagnosis> Diagnoses() =>
        TopicReader.ReadAll(_broker.BootstrapServers, Topics.DiagnosesVibration)
            .Select(r => ProcessingHarness.Decode<VibrationDiagnosis>(r.Value))
            .GroupBy(d => ($"{d.MachineId}/{d.SensorId}", d.WindowStart))
            .ToDictionary(g => g.Key, g => g.Last());
}
