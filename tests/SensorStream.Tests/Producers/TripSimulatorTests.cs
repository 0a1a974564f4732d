using System.Globalization;
using SensorStream.Contracts;
using SensorStream.Producers.Trips;

namespace SensorStream.Tests.Producers;

public sealed class TripSimulatorTests
{
    private static readonly DateOnly FirstDay = new(2026, 1, 5);

    private static string Header(SensorStream.Producers.Publishing.OutgoingEvent<SensorStream.Contracts.Events.TripRecord> e, string name) =>
        e.Headers.FirstOrDefault(h => h.Key == name).Value;

    [Fact]
    public void SameSeed_GivesTheSameLog()
    {
        var first = new TripSimulator(new TripSimulationOptions(), 5, FirstDay).Events().Take(2000).Select(e => e.Value).ToList();
        var second = new TripSimulator(new TripSimulationOptions(), 5, FirstDay).Events().Take(2000).Select(e => e.Value).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void CleanRows_ContinueEachTrucksOdometer_AndAddUp()
    {
        var events = new TripSimulator(new TripSimulationOptions { ErrorRate = 0 }, 1, FirstDay).Events().Take(3000).ToList();

        foreach (var truck in events.GroupBy(e => e.Key))
        {
            var rows = truck.Select(e => e.Value).ToList();
            foreach (var (previous, next) in rows.Zip(rows.Skip(1)).Where(p => p.First.OdometerEndKm is not null && p.Second.OdometerStartKm is not null))
            {
                Assert.InRange(next.OdometerStartKm!.Value - previous.OdometerEndKm!.Value, 0, 25);
            }
            Assert.All(rows.Where(r => r.DistanceKm is not null && r.OdometerStartKm is not null), r => Assert.Equal(r.OdometerEndKm!.Value - r.OdometerStartKm!.Value, r.DistanceKm!.Value));
        }
        Assert.All(events, e => Assert.Equal("none", Header(e, TruthHeaders.Error)));
        Assert.All(events, e => Assert.InRange(e.Value.DistanceKm ?? e.Value.OdometerEndKm!.Value - e.Value.OdometerStartKm!.Value, 50, 1500));
        Assert.All(events, e => Assert.InRange((double)(e.Value.FuelCost!.Value / (decimal)e.Value.FuelLitres!.Value), 1.4, 1.8));
        Assert.Equal(8, events.Select(e => e.Key).Distinct().Count());
    }

    [Fact]
    public void InjectedErrors_HappenAtTheConfiguredRate_AndTheHeadersHoldTheTruth()
    {
        var events = new TripSimulator(new TripSimulationOptions { ErrorRate = 0.05 }, 2, FirstDay).Events().Take(20_000).ToList();

        var erroneous = events.Where(e => Header(e, TruthHeaders.Error) != "none").ToList();
        Assert.InRange(erroneous.Count / (double)events.Count, 0.04, 0.06);
        Assert.Equal(["adjacent-key", "dropped-digit", "duplicate", "transposed"], erroneous.Select(e => Header(e, TruthHeaders.Error)).Distinct().Order());
        foreach (var e in erroneous.Where(e => Header(e, TruthHeaders.Error) != "duplicate"))
        {
            var typed = Header(e, TruthHeaders.Field) switch
            {
                "odometer_start_km" => e.Value.OdometerStartKm,
                "odometer_end_km" => e.Value.OdometerEndKm,
                "distance_km" => e.Value.DistanceKm,
                "fuel_litres" => e.Value.FuelLitres,
                "fuel_cost" => (double?)e.Value.FuelCost,
                _ => (double?)e.Value.Revenue,
            };
            Assert.NotEqual(double.Parse(Header(e, TruthHeaders.Value), CultureInfo.InvariantCulture), typed);
        }
        var byId = events.ToDictionary(e => e.Value.TripId);
        foreach (var duplicate in erroneous.Where(e => Header(e, TruthHeaders.Error) == "duplicate"))
        {
            var original = byId[Guid.Parse(Header(duplicate, TruthHeaders.Value))].Value;
            Assert.Equal(original with { TripId = duplicate.Value.TripId, EnteredAt = duplicate.Value.EnteredAt }, duplicate.Value);
        }
    }
}
