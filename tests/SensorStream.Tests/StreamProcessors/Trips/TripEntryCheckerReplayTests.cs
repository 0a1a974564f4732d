using SensorStream.Contracts.Events;
using SensorStream.Producers.Trips;
using SensorStream.StreamProcessors.Anomalies.Trips;

namespace SensorStream.Tests.StreamProcessors.Trips;

/// <summary>The checker over a simulated log: the latency contract, replay determinism and per-truck independence.</summary>
public sealed class TripEntryCheckerReplayTests
{
    private static List<TripRecord> Log(int seed, int rows) =>
        [.. new TripSimulator(new TripSimulationOptions { ErrorRate = 0.05 }, seed, new DateOnly(2026, 1, 5)).Events().Take(rows).Select(e => e.Value)];

    private static string Describe(TripEntryFinding f) =>
        $"{f.TruckId} {f.TripId} {f.Kind} {f.Field} {f.ObservedValue} {f.SuggestedValue} {f.Score:R} {string.Join(";", f.Details.OrderBy(d => d.Key).Select(d => $"{d.Key}={d.Value}"))}";

    [Fact]
    public void EveryRow_IsDecidedNoLaterThanTwoRowsOfItsTruckAfterIt()
    {
        var checker = new TripFleetEntryChecker();
        var positions = new Dictionary<Guid, int>();
        var seen = new Dictionary<string, int>();
        var latest = 0;

        foreach (var row in Log(seed: 31, rows: 3000))
        {
            var position = seen[row.TruckId] = seen.GetValueOrDefault(row.TruckId) + 1;
            positions[row.TripId] = position;
            foreach (var finding in checker.Accept(row))
            {
                latest = Math.Max(latest, position - positions[finding.TripId]);
            }
        }

        Assert.InRange(latest, 1, 2);
    }

    [Fact]
    public void ReplayingTheSameRows_GivesTheSameFindings()
    {
        var log = Log(seed: 32, rows: 2000);

        List<string> Run()
        {
            var checker = new TripFleetEntryChecker();
            return [.. log.SelectMany(checker.Accept).Concat(checker.Flush()).Select(Describe)];
        }

        var first = Run();
        Assert.NotEmpty(first);
        Assert.Equal(first, Run());
    }

    [Fact]
    public void OneCheckerPerTruck_FindsWhatTheFleetCheckerFinds()
    {
        var log = Log(seed: 33, rows: 1500);
        var fleet = new TripFleetEntryChecker();
        var fleetFindings = log.SelectMany(fleet.Accept).Concat(fleet.Flush()).Select(Describe).Order(StringComparer.Ordinal);

        var perTruck = log.GroupBy(r => r.TruckId).SelectMany(truck =>
        {
            var checker = new TripEntryChecker(truck.Key);
            return truck.SelectMany(checker.Accept).Concat(checker.Flush());
        }).Select(Describe).Order(StringComparer.Ordinal);

        Assert.Equal(fleetFindings, perTruck);
    }
}
