using SensorStream.Contracts.Events;
using SensorStream.StreamProcessors.Environment;
using SensorStream.StreamProcessors.Rollup;

namespace SensorStream.Tests.StreamProcessors.Rollup;

public sealed class AncestorPartialsTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

    private static WindowAggregate Sensor(string id, long count, double min, double max, double avg, StatusLevel status = StatusLevel.Normal) =>
        new(id, "temperature_c", Start, Start.AddMinutes(1), count, min, max, avg, 0, EntityTypes.Sensor, null, status);

    [Fact]
    public void SensorsOfOneAncestor_BecomeOnePartialWithTheirCount()
    {
        var partials = new AncestorPartials(TimeSpan.FromMinutes(5));
        partials.Add("F1B1F1-L01", EntityTypes.Location, Sensor("s1", 6, 20, 22, 21));
        partials.Add("F1B1F1-L01", EntityTypes.Location, Sensor("s2", 2, 18, 30, 24, StatusLevel.Warning));
        partials.Add("F1", EntityTypes.Factory, Sensor("s1", 6, 20, 22, 21));

        var sent = Drain(partials);

        Assert.Equal(2, sent.Count);
        var (location, sensors) = sent[0];
        Assert.Equal(("F1B1F1-L01", EntityTypes.Location, 2), (location.EntityId, location.EntityType, sensors));
        Assert.Equal(8, location.Count);
        Assert.Equal(18, location.Min);
        Assert.Equal(30, location.Max);
        Assert.Equal(((21 * 6) + (24 * 2)) / 8.0, location.Avg, 12);
        Assert.Equal(StatusLevel.Warning, location.Status);
        Assert.Equal(("F1", 1), (sent[1].Partial.EntityId, sent[1].Sensors));
        Assert.Empty(Drain(partials)); // nothing changed since
    }

    [Fact]
    public void AnUpdatedSensorResult_ResendsThePartialWithItReplaced()
    {
        var partials = new AncestorPartials(TimeSpan.FromMinutes(5));
        partials.Add("L1", EntityTypes.Location, Sensor("s1", 6, 20, 22, 21));
        partials.Add("L1", EntityTypes.Location, Sensor("s2", 6, 19, 23, 21));
        Drain(partials);

        partials.Add("L1", EntityTypes.Location, Sensor("s2", 7, 19, 40, 23)); // a late reading within allowed lateness
        partials.Add("L1", EntityTypes.Location, Sensor("s1", 6, 20, 22, 21)); // the same result again changes nothing

        var (partial, sensors) = Assert.Single(Drain(partials));
        Assert.Equal(2, sensors);
        Assert.Equal(13, partial.Count);
        Assert.Equal(40, partial.Max);
    }

    [Fact]
    public void WindowsPastRetention_AreForgotten()
    {
        var partials = new AncestorPartials(TimeSpan.FromMinutes(5));
        partials.Add("L1", EntityTypes.Location, Sensor("s1", 6, 20, 22, 21));
        Drain(partials);

        partials.Expire(Start.AddMinutes(5)); // end + retention not reached
        Assert.Equal(1, partials.Count);
        partials.Expire(Start.AddMinutes(6));
        Assert.Equal(0, partials.Count);
    }

    [Fact]
    public void RollupWindow_IsCompleteWhenItsPartialsCoverEverySensor_AndAReplacedPartialIsNotCountedTwice()
    {
        var window = new RollupWindow(expectedSensors: 5);
        var key = new RollupKey("F1", EntityTypes.Factory, "temperature_c", Start, Start.AddMinutes(1));

        Assert.True(window.Add("sensors.environment:0", Sensor("F1", 12, 20, 25, 22), 2, offset: 10));
        Assert.True(window.Add("sensors.environment:1", Sensor("F1", 12, 19, 24, 21), 2, offset: 11));
        Assert.False(window.IsComplete);
        Assert.True(window.Add("sensors.environment:1", Sensor("F1", 18, 19, 24, 21), 3, offset: 12));
        Assert.False(window.Add("sensors.environment:1", Sensor("F1", 18, 19, 24, 21), 3, offset: 13));

        Assert.True(window.IsComplete);
        Assert.Equal(5, window.SensorsReported);
        Assert.Equal((10, 13), (window.FirstOffset, window.LastOffset));
        var combined = window.Combine(key);
        Assert.Equal((30L, 19.0, 25.0), (combined.Count, combined.Min, combined.Max));
        Assert.Equal(((22 * 12) + (21 * 18)) / 30.0, combined.Avg, 12);
    }

    private static List<(WindowAggregate Partial, int Sensors)> Drain(AncestorPartials partials)
    {
        var sent = new List<(WindowAggregate, int)>();
        partials.Drain((partial, sensors) => sent.Add((partial, sensors)));
        return sent;
    }
}
