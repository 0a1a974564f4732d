using SensorStream.Contracts;
using SensorStream.Contracts.Locations;
using SensorStream.Producers.Environment;

namespace SensorStream.Tests.Producers;

public sealed class EnvironmentSimulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(32.22, 70, 41.1)]   // NWS table: 90 °F at 70 % → 106 °F
    [InlineData(35.0, 50, 40.6)]    // 95 °F at 50 % → 105 °F
    [InlineData(26.67, 40, 26.8)]   // 80 °F at 40 % → 80 °F
    [InlineData(21.0, 45, 20.4)]    // office air: the simple formula, close to air temperature
    public void HeatIndex_MatchesTheNationalWeatherServiceTable(double celsius, double humidity, double expected)
    {
        Assert.Equal(expected, HeatIndex.Celsius(celsius, humidity), 0.7);
    }

    [Fact]
    public void DefaultTree_HasTwoFactories_AndAFewHundredSensors()
    {
        var tree = LocationTree.Default;

        Assert.Equal(240, tree.Sensors.Count);
        Assert.Equal(["F1", "F2"], tree.Sensors.Select(s => s.Factory).Distinct());
        Assert.Equal("F2-B1-3F", tree.Find("F2-B1-3F-L05-A2")!.FloorId);
        Assert.Equal(["office", "production", "server_room", "warehouse"], tree.Sensors.Select(s => s.SensorType).Distinct().Order());
    }

    [Fact]
    public void SameSeed_GivesTheSameReadings()
    {
        var first = new EnvironmentSimulator(new EnvironmentSimulationOptions(), LocationTree.Default, 9, Start).Events().Take(5000).Select(e => e.Value).ToList();
        var second = new EnvironmentSimulator(new EnvironmentSimulationOptions(), LocationTree.Default, 9, Start).Events().Take(5000).Select(e => e.Value).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void EverySensorReports_EveryTenSeconds_WithPlausibleValues()
    {
        var options = new EnvironmentSimulationOptions { DropoutsPerDay = 0, OutOfOrderRate = 0, LateRate = 0 };
        var events = new EnvironmentSimulator(options, LocationTree.Default, 1, Start).Events().Take(240 * 6).ToList();

        Assert.Equal(240, events.Take(240).Select(e => e.Key).Distinct().Count());
        Assert.All(events, e => Assert.Equal(e.Value.SensorId, e.Key));
        Assert.All(events, e => Assert.InRange(e.Value.TemperatureC, 5, 45));
        Assert.All(events, e => Assert.InRange(e.Value.HumidityPct, 5, 95));
        Assert.All(events, e => Assert.Equal(LocationTree.Default.Find(e.Key)!.LocId, e.Value.LocId));
        var oneSensor = events.Where(e => e.Key == "F1-B1-1F-L01-A1").Select(e => e.Value.EventTime).ToList();
        Assert.All(oneSensor.Zip(oneSensor.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(10), p.Second - p.First));
        Assert.True(events.Select(e => e.Value.EventTime).SequenceEqual(events.Select(e => e.Value.EventTime).Order()), "no delays configured: event time order");
    }

    [Fact]
    public void ServerRooms_AreCoolerAndDrierThanProduction_AndFollowADailyCycle()
    {
        var options = new EnvironmentSimulationOptions { ExcursionsPerDay = 0, DropoutsPerDay = 0, OutOfOrderRate = 0, LateRate = 0, ReadingInterval = TimeSpan.FromMinutes(10) };
        var day = new EnvironmentSimulator(options, LocationTree.Default, 4, Start).Events().TakeWhile(e => e.Value.EventTime < Start.AddDays(1)).Select(e => e.Value).ToList();
        double Mean(string type, Func<SensorStream.Contracts.Events.EnvironmentReading, double> value) =>
            day.Where(r => LocationTree.Default.Find(r.SensorId)!.SensorType == type).Average(value);

        Assert.True(Mean("production", r => r.TemperatureC) > Mean("server_room", r => r.TemperatureC) + 3);
        Assert.True(Mean("production", r => r.HumidityPct) > Mean("server_room", r => r.HumidityPct) + 5);
        var warehouse = day.Where(r => LocationTree.Default.Find(r.SensorId)!.SensorType == "warehouse").ToList();
        var afternoon = warehouse.Where(r => r.EventTime.Hour is >= 13 and < 17).Average(r => r.TemperatureC);
        var night = warehouse.Where(r => r.EventTime.Hour is >= 1 and < 5).Average(r => r.TemperatureC);
        Assert.True(afternoon > night + 4, $"afternoon {afternoon:F1} °C vs night {night:F1} °C");
    }

    [Fact]
    public void DelayedReadings_ArriveOutOfOrderOrLate_AtTheConfiguredRates_WithTheDelayInAHeader()
    {
        var options = new EnvironmentSimulationOptions { OutOfOrderRate = 0.02, LateRate = 0.005 };
        var events = new EnvironmentSimulator(options, LocationTree.Default, 2, Start).Events().Take(100_000).ToList();

        var delays = events.Select(e => e.Headers.FirstOrDefault(h => h.Key == TruthHeaders.DelayMs).Value).Where(v => v is not null).Select(long.Parse).ToList();
        var late = delays.Count(d => d >= 120_000);
        var outOfOrder = delays.Count(d => d < 120_000);
        Assert.InRange(outOfOrder, 1600, 2400);
        Assert.InRange(late, 350, 650);
        var backwards = events.Zip(events.Skip(1)).Count(p => p.Second.Value.EventTime < p.First.Value.EventTime);
        Assert.True(backwards > 1000, $"{backwards} readings arrived after a later one");
    }

    [Fact]
    public void Excursions_PushTemperatureUp_AndAreMarked()
    {
        var options = new EnvironmentSimulationOptions { ExcursionsPerDay = 6, DropoutsPerDay = 0, OutOfOrderRate = 0, LateRate = 0 };
        var events = new EnvironmentSimulator(options, LocationTree.Default, 3, Start).Events().TakeWhile(e => e.Value.EventTime < Start.AddHours(12)).ToList();

        var marked = events.Where(e => e.Headers.Any(h => h.Key == TruthHeaders.Excursion)).ToList();
        Assert.NotEmpty(marked);
        var hottest = marked.MaxBy(e => e.Value.TemperatureC)!;
        var sameSensorUsual = events.Where(e => e.Key == hottest.Key && e.Headers.Count == 0).Average(e => e.Value.TemperatureC);
        Assert.True(hottest.Value.TemperatureC > sameSensorUsual + 4);
    }

    [Fact]
    public void Dropouts_LeaveGapsInASensorsReadings()
    {
        var options = new EnvironmentSimulationOptions { DropoutsPerDay = 12, OutOfOrderRate = 0, LateRate = 0 };
        var readings = new EnvironmentSimulator(options, LocationTree.Default, 5, Start).Events()
            .TakeWhile(e => e.Value.EventTime < Start.AddHours(6)).GroupBy(e => e.Key).ToList();

        var gaps = readings.Sum(g => g.Zip(g.Skip(1)).Count(p => p.Second.Value.EventTime - p.First.Value.EventTime > TimeSpan.FromMinutes(4)));
        Assert.True(gaps > 100, $"{gaps} gaps of over 4 minutes");
    }
}
