using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Publishing;
using SensorStream.Producers.Simulation;

namespace SensorStream.Producers.Vibration;

/// <summary>
/// The rotating-machine vibration feed: for every block period, one <see cref="VibrationBlock"/> per machine and
/// sensor, keyed <c>g1/sensor1</c>, with the machine's true condition in the <see cref="TruthHeaders.Fault"/>
/// header. The same seed, start and options give the same events, sample for sample.
/// </summary>
public sealed class VibrationSimulator(VibrationSimulationOptions options, int seed, DateTimeOffset start)
{
    /// <summary>
    /// The start at which <paramref name="count"/> events end by <paramref name="end"/>: every block period carries one
    /// event per machine sensor, so the last event's time is exact.
    /// </summary>
    public static DateTimeOffset StartEndingBy(VibrationSimulationOptions options, DateTimeOffset end, long count)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sensors = options.Machines.Count * options.SensorsPerMachine;
        var lastBlock = Math.Max(0, count - 1) / Math.Max(1, sensors);
        return end - TimeSpan.FromSeconds(lastBlock * options.BlockSize / options.SampleRateHz);
    }

    /// <summary>The endless feed, in event-time order.</summary>
    public IEnumerable<OutgoingEvent<VibrationBlock>> Events()
    {
        var random = new Random(Seeds.Derive(seed, 3));
        var machines = options.Machines.Select((machine, index) => (
            Machine: machine,
            Schedule: new FaultSchedule(Seeds.Derive(seed, 1, index), start, options,
                options.FixedFaults.TryGetValue(machine.MachineId, out var f) ? f : null),
            Sensors: Enumerable.Range(1, options.SensorsPerMachine).Select(_ => new SensorPlacement(random)).ToArray())).ToList();
        var noise = new Random(Seeds.Derive(seed, 2));
        for (long block = 0; ; block++)
        {
            var firstSample = block * options.BlockSize;
            var time = start + TimeSpan.FromSeconds(firstSample / options.SampleRateHz);
            foreach (var (machine, schedule, sensors) in machines)
            {
                var episode = schedule.At(time);
                var headers = new[] { KeyValuePair.Create(TruthHeaders.Fault, TruthHeaders.FaultClass(episode.Fault)) };
                for (var s = 0; s < sensors.Length; s++)
                {
                    var samples = new float[options.BlockSize];
                    VibrationSignalModel.Generate(samples, firstSample, options.SampleRateHz, machine.ShaftHz, episode, sensors[s], options.NoiseG, noise);
                    var sensorId = $"sensor{s + 1}";
                    var value = new VibrationBlock(machine.MachineId, sensorId, time, options.SampleRateHz,
                        options.ReportShaftSpeed ? machine.ShaftSpeedRpm : null, samples);
                    yield return new OutgoingEvent<VibrationBlock>($"{machine.MachineId}/{sensorId}", value, time, headers);
                }
            }
        }
    }
}
