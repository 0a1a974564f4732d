using SensorStream.Producers.Vibration;
using SensorStream.StreamProcessors.Faults;

namespace SensorStream.Tests.StreamProcessors.Faults;

/// <summary>
/// The classifier scored on the HELD-OUT set, computed once for the evaluation tests. Seeds 11–15 and noise levels
/// 0.01, 0.015, 0.04, 0.07 and 0.08 g were never used while tuning (seeds 1–2 at 0.02, 0.03 and 0.05 g, see
/// <see cref="VibrationFaultClassifier"/>). Each seed runs 300 s of the fault schedule on the five default machines and
/// their 20 sensors, cut into 10 s windows that lie wholly inside one episode. Every window is scored four ways: as
/// simulated; with the shaft speed removed from its blocks (same samples, speed estimated from the spectrum); with a
/// tenth of its blocks missing; and split into ten 1 s windows. ClassifierBenchmark repeats this protocol.
/// </summary>
public sealed class HeldOutEvaluation
{
    public static readonly IReadOnlyList<(int Seed, double NoiseG)> Runs = [(11, 0.01), (12, 0.015), (13, 0.04), (14, 0.07), (15, 0.08)];
    public static readonly TimeSpan RunLength = TimeSpan.FromSeconds(300);
    private const double MissingBlockShare = 0.1;
    private static readonly Dictionary<string, double> TrueRpm = new VibrationSimulationOptions().Machines.ToDictionary(m => m.MachineId, m => m.ShaftSpeedRpm);

    public HeldOutEvaluation()
    {
        var extractor = new VibrationFeatureExtractor();
        var classifier = new VibrationFaultClassifier();
        var cancellation = TestContext.Current.CancellationToken;
        foreach (var (seed, noise) in Runs)
        {
            var byNoise = new FaultConfusionMatrix();
            ByNoise[noise] = byNoise;
            var drop = new Random(seed);
            foreach (var window in SimulatedWindows.Generate(seed, noise, RunLength))
            {
                cancellation.ThrowIfCancellationRequested();
                var predicted = classifier.Classify(extractor.Extract(window.Blocks)).Fault;
                Tachometer.Add(window.Truth, predicted);
                byNoise.Add(window.Truth, predicted);

                var withoutSpeed = window.Blocks.Select(b => b with { ShaftSpeedRpm = null }).ToList();
                var estimated = extractor.Extract(withoutSpeed);
                NoTachometer.Add(window.Truth, classifier.Classify(estimated).Fault);
                var trueRpm = TrueRpm[window.Blocks[0].MachineId];
                WorstSpeedError = Math.Max(WorstSpeedError, Math.Abs(estimated.ShaftSpeedRpm - trueRpm) / trueRpm);

                var gapped = window.Blocks.Where(_ => drop.NextDouble() >= MissingBlockShare).ToList();
                MissingBlocks.Add(window.Truth, classifier.Classify(extractor.Extract(gapped)).Fault);

                foreach (var second in window.Blocks.Chunk(10))
                {
                    OneSecondWindows.Add(window.Truth, classifier.Classify(extractor.Extract(second)).Fault);
                }
            }
        }
    }

    /// <summary>10 s windows as simulated (blocks carry the shaft speed).</summary>
    internal FaultConfusionMatrix Tachometer { get; } = new();

    /// <summary>The same windows with the shaft speed removed.</summary>
    internal FaultConfusionMatrix NoTachometer { get; } = new();

    /// <summary>The same windows with a tenth of their blocks missing.</summary>
    internal FaultConfusionMatrix MissingBlocks { get; } = new();

    /// <summary>The same windows cut into 1 s windows (10 blocks).</summary>
    internal FaultConfusionMatrix OneSecondWindows { get; } = new();

    /// <summary><see cref="Tachometer"/> per noise level.</summary>
    internal Dictionary<double, FaultConfusionMatrix> ByNoise { get; } = [];

    /// <summary>Largest relative error of the estimated shaft speed in <see cref="NoTachometer"/>.</summary>
    public double WorstSpeedError { get; private set; }
}
