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

    /// <param name="seed">Simulator seed.</param>
    /// <param name="noiseG">Sensor noise, g.</param>
    /// <param name="duration">Event time simulated.</param>
    /// <param name="blocksPerWindow">Blocks per window (100 = 10 s at the defaults).</param>
    /// <param name="reportShaftSpeed">Whether blocks carry the shaft speed.</param>
    /// <param name="dropFraction">Share of blocks removed at random, to simulate missing events.</param>
    /// <param name="machines">Machines to simulate, or the five defaults.</param>
    public static IEnumerable<LabelledWindow> Generate(int seed, double noiseG, TimeSpan duration, int blocksPerWindow = 100,
        bool reportShaftSpeed = true, double dropFraction = 0, IReadOnlyList<MachineProfile>? machines = null)
    {
        var options = new VibrationSimulationOptions
        {
            NoiseG = noiseG,
            ReportShaftSpeed = reportShaftSpeed,
            MeanHealthyDuration = TimeSpan.FromSeconds(20),
            MeanFaultDuration = TimeSpan.FromSeconds(60),
        };
        if (machines is not null)
        {
            options.Machines = [.. machines];
        }
        var drop = new Random(seed ^ 0x5EED);
        var windowLength = options.BlockDuration * blocksPerWindow;
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
                    yield return Labelled(e.Key, seed, noiseG, current.Labels.Single(), current.Blocks);
                }
                current = (window, [], []);
                open[e.Key] = current;
            }
            current.Labels.Add(e.Headers.Single(h => h.Key == TruthHeaders.Fault).Value);
            if (dropFraction == 0 || drop.NextDouble() >= dropFraction)
            {
                current.Blocks.Add(e.Value);
            }
        }
        // The last window of each key ends with the run, so it is complete only when the run stops on a window boundary.
        if ((duration / windowLength) % 1 == 0)
        {
            foreach (var (key, (_, blocks, labels)) in open)
            {
                if (blocks.Count > 0 && labels.Count == 1)
                {
                    yield return Labelled(key, seed, noiseG, labels.Single(), blocks);
                }
            }
        }
    }

    private static LabelledWindow Labelled(string key, int seed, double noiseG, string label, List<VibrationBlock> blocks) =>
        new(key, seed, noiseG, TruthHeaders.ParseFaultClass(label), blocks);
}
