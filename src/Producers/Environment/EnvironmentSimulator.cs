using System.Globalization;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Locations;
using SensorStream.Producers.Publishing;
using SensorStream.Producers.Simulation;

namespace SensorStream.Producers.Environment;

/// <summary>
/// The environment feed: every sensor of the location tree reads temperature, humidity and perceived temperature
/// (<see cref="HeatIndex"/>) every <see cref="EnvironmentSimulationOptions.ReadingInterval"/>, staggered across the
/// interval. Locations follow a daily cycle, drift and have excursions; sensors drop out; some readings are held back
/// and delivered out of order or late (event time unchanged, the delay in <see cref="TruthHeaders.DelayMs"/>).
/// Keyed by sensor id. The same seed, start, options and tree give the same events.
/// </summary>
public sealed class EnvironmentSimulator(EnvironmentSimulationOptions options, LocationTree tree, int seed, DateTimeOffset start)
{
    /// <summary>Mean length of a sensor dropout (5–60 min, uniform).</summary>
    private static readonly TimeSpan MeanDropout = TimeSpan.FromMinutes(32.5);

    /// <summary>The real-time event rate: sensors ÷ reading interval.</summary>
    public double RealTimeEventsPerSecond => tree.Sensors.Count / options.ReadingInterval.TotalSeconds;

    /// <summary>
    /// A start at which <paramref name="count"/> readings end by <paramref name="end"/>. Dropouts make the span
    /// random, so it is estimated with room to spare: twice the expected share of dropped readings, 1 % more, and 15
    /// minutes for the readings delivered late.
    /// </summary>
    public DateTimeOffset StartEndingBy(DateTimeOffset end, long count)
    {
        var droppedShare = Math.Min(0.5, options.DropoutsPerDay * MeanDropout.TotalDays);
        var seconds = count / RealTimeEventsPerSecond * (1 + (2 * droppedShare) + 0.01);
        return end - TimeSpan.FromSeconds(seconds) - TimeSpan.FromMinutes(15);
    }

    /// <summary>The endless feed in delivery order.</summary>
    public IEnumerable<OutgoingEvent<EnvironmentReading>> Events()
    {
        var climates = tree.Sensors.Select(s => s.LocId).Distinct().Select((loc, i) => (loc, i))
            .ToDictionary(x => x.loc, x => new LocationClimate(
                ClimateProfile.For(tree.Sensors.First(s => s.LocId == x.loc).SensorType), options, new Random(Seeds.Derive(seed, 10, x.i))));
        var sensors = tree.Sensors.Select((s, i) => new SensorState(s, new Random(Seeds.Derive(seed, 11, i)))).ToArray();
        var delays = new Random(Seeds.Derive(seed, 12));
        var pending = new PriorityQueue<OutgoingEvent<EnvironmentReading>, (DateTimeOffset EmitAt, long Sequence)>();
        var stagger = options.ReadingInterval / sensors.Length;
        long sequence = 0;
        for (long tick = 0; ; tick++)
        {
            var state = sensors[tick % sensors.Length];
            var time = start + (options.ReadingInterval * (tick / sensors.Length)) + (stagger * (tick % sensors.Length));
            while (pending.TryPeek(out var due, out var at) && at.EmitAt <= time)
            {
                pending.Dequeue();
                yield return due;
            }
            if (state.IsDroppedOut(time, options.DropoutsPerDay))
            {
                continue;
            }
            var (air, inExcursion) = climates[state.Location.LocId].At(time);
            var profile = climates[state.Location.LocId].Profile;
            var temperature = Math.Round(air + state.AreaOffsetC + (LocationClimate.Gaussian(state.Random) * options.TemperatureNoiseC), 2);
            var humidity = Math.Round(Math.Clamp(profile.MeanHumidityPct - (1.5 * (temperature - profile.MeanTemperatureC)) + (LocationClimate.Gaussian(state.Random) * 1.0), 5, 95), 1);
            var reading = new EnvironmentReading(state.Location.SensorId, state.Location.LocId, time, temperature, humidity,
                Math.Round(HeatIndex.Celsius(temperature, humidity), 2));
            var delay = DrawDelay(delays);
            var headers = new List<KeyValuePair<string, string>>(2);
            if (inExcursion)
            {
                headers.Add(KeyValuePair.Create(TruthHeaders.Excursion, "true"));
            }
            if (delay > TimeSpan.Zero)
            {
                headers.Add(KeyValuePair.Create(TruthHeaders.DelayMs, ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)));
            }
            var outgoing = new OutgoingEvent<EnvironmentReading>(state.Location.SensorId, reading, time, headers);
            if (delay > TimeSpan.Zero)
            {
                pending.Enqueue(outgoing, (time + delay, sequence++));
            }
            else
            {
                yield return outgoing;
            }
        }
    }

    private TimeSpan DrawDelay(Random random)
    {
        var draw = random.NextDouble();
        return draw < options.LateRate ? TimeSpan.FromMinutes(2 + (13 * random.NextDouble()))
            : draw < options.LateRate + options.OutOfOrderRate ? TimeSpan.FromSeconds(1 + (29 * random.NextDouble()))
            : TimeSpan.Zero;
    }

    private sealed class SensorState(SensorLocation location, Random random)
    {
        private DateTimeOffset _dropoutStart = DateTimeOffset.MinValue;
        private DateTimeOffset _dropoutEnd = DateTimeOffset.MinValue;

        public SensorLocation Location { get; } = location;

        public Random Random { get; } = random;

        public double AreaOffsetC { get; } = LocationClimate.Gaussian(random) * 0.3;

        public bool IsDroppedOut(DateTimeOffset time, double perDay)
        {
            if (_dropoutStart == DateTimeOffset.MinValue || (time >= _dropoutEnd && _dropoutEnd > _dropoutStart))
            {
                _dropoutStart = time + (perDay <= 0 ? TimeSpan.FromDays(36500) : TimeSpan.FromDays(-Math.Log(1 - Random.NextDouble()) / perDay));
                _dropoutEnd = _dropoutStart + TimeSpan.FromMinutes(5 + (55 * Random.NextDouble()));
            }
            return time >= _dropoutStart && time < _dropoutEnd;
        }
    }
}
