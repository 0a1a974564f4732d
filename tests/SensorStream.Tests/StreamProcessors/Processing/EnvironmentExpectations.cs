using SensorStream.Contracts.Events;
using SensorStream.Contracts.Locations;
using SensorStream.Producers.Environment;
using SensorStream.Producers.Publishing;

namespace SensorStream.Tests.StreamProcessors.Processing;

/// <summary>Test data for the environment processor and the windows it must produce, computed the slow, obvious way.</summary>
internal static class EnvironmentExpectations
{
    public static readonly DateTimeOffset Start = new(2026, 2, 2, 6, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// <paramref name="minutes"/> minutes of readings from every sensor (out of order within the 35 s bound, no late
    /// ones, no dropouts), then one reading per sensor five minutes later so every partition's watermark passes the
    /// last real window.
    /// </summary>
    public static (List<OutgoingEvent<EnvironmentReading>> Data, List<OutgoingEvent<EnvironmentReading>> Flush) Readings(int seed, int minutes)
    {
        var options = new EnvironmentSimulationOptions { DropoutsPerDay = 0, LateRate = 0, OutOfOrderRate = 0.02, ExcursionsPerDay = 0 };
        var data = new EnvironmentSimulator(options, LocationTree.Default, seed, Start).Events()
            .TakeWhile(e => e.Value.EventTime < Start.AddMinutes(minutes)).ToList();
        var flushTime = Start.AddMinutes(minutes + 5);
        var flush = LocationTree.Default.Sensors.Select(s => new OutgoingEvent<EnvironmentReading>(s.SensorId,
            new EnvironmentReading(s.SensorId, s.LocId, flushTime, 20, 50, 20), flushTime, [])).ToList();
        return (data, flush);
    }

    /// <summary>1-minute windows per sensor and per ancestor, as (entity, metric, start) → (count, min, max, avg).</summary>
    public static Dictionary<(string Entity, string Metric, DateTimeOffset Start), (long Count, double Min, double Max, double Avg, string EntityType)> Windows(
        IEnumerable<EnvironmentReading> readings)
    {
        var values = new List<(string Entity, string Type, string Metric, DateTimeOffset Start, double Value)>();
        foreach (var r in readings)
        {
            var start = new DateTimeOffset(r.EventTime.UtcTicks - (r.EventTime.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
            var location = LocationTree.Default.Find(r.SensorId)!;
            foreach (var (metric, value) in new[] { ("temperature_c", r.TemperatureC), ("humidity_pct", r.HumidityPct), ("perceived_temperature_c", r.PerceivedTemperatureC!.Value) })
            {
                values.Add((r.SensorId, EntityTypes.Sensor, metric, start, value));
                values.Add((location.LocId, EntityTypes.Location, metric, start, value));
                values.Add((location.FloorId, EntityTypes.Floor, metric, start, value));
                values.Add((location.BuildingId, EntityTypes.Building, metric, start, value));
                values.Add((location.Factory, EntityTypes.Factory, metric, start, value));
            }
        }
        return values.GroupBy(v => (v.Entity, v.Metric, v.Start)).ToDictionary(g => g.Key,
            g => ((long)g.Count(), g.Min(v => v.Value), g.Max(v => v.Value), g.Average(v => v.Value), g.First().Type));
    }
}
