using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Vibration;

namespace SensorStream.Tests.StreamProcessors.Faults;

/// <summary>
/// Labelled windows cut from the vibration simulator's fault schedule, so fault severity varies (0.6–1.0) as in a real
/// run. Healthy spells are made shorter than faults (mean 20 s against 60 s) so the four classes get similar shares of
/// time. A window is kept only when every block's <see cref="TruthHeaders.Fault"/> header agrees, i.e. it lies wholly
/// inside one episode (episodes last at least 10 s and alternate with healthy ones, so a window of at most 10 s cannot
/// straddle two of the same class).
/// </summary>
internal static class SimulatedWindows
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>10 s windows (100 blocks) of every sensor of the five default machines.</summary>
    /// <param name="seed">Simulator seed.</param>
    /// <param name="noiseG">Sensor noise, g.</param>
    /// <param name="duration">Event time simulated; a multiple of 10 s keeps the last windows.</param>
    public static IEnumerable<LabelledWindow> Generate(int seed, double noiseG, TimeSpan duration)
    {
        var options = new VibrationSimulationOptions
        {
            NoiseG = noiseG,
            MeanHealthyDuration = TimeSpan.FromSeconds(20),
            MeanFaultDuration = TimeSpan.FromSeconds(60),
        };
        var windowLength = options.BlockDuration * 100;
        var open = new Dictionary<string, (long Window, List<VibrationBlock> Blocks, HashSet<string> Labels)>();
        foreach (var e in new VibrationSimulator(options, seed, Start).Events())
        {
            if (e.Value.EventTime >= Start + duration)
            {
                break;
            }
            var window = (long)((e.Value.EventTime - Start) / windowLength);
            if (!open.TryGetValue(e.Key, out var current) || current.Window != window)
            {
                if (current.Blocks is { Count: > 0 } && current.Labels.Count == 1)
                {
                    yield return Labelled(e.Key, current.Labels.Single(), current.Blocks);
                }
                current = (window, [], []);
                open[e.Key] = current;
            }
            current.Labels.Add(e.Headers.Single(h => h.Key == TruthHeaders.Fault).Value);
            current.Blocks.Add(e.Value);
        }
        // The last window of each key ends with the run, so it is complete only when the run stops on a window boundary.
        if ((duration / windowLength) % 1 == 0)
        {
            foreach (var (key, (_, blocks, labels)) in open)
            {
                if (blocks.Count > 0 && labels.Count == 1)
                {
                    yield return Labelled(key, labels.Single(), blocks);
                }
            }
        }
    }

    private static LabelledWindow Labelled(string key, string label, List<VibrationBlock> blocks) =>
        new(key, TruthHeaders.ParseFaultClass(label), blocks);
}
