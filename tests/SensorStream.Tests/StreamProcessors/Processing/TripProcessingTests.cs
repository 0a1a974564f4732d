using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Publishing;
using SensorStream.Producers.Trips;
using SensorStream.StreamProcessors;
using SensorStream.StreamProcessors.Anomalies.Trips;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.StreamProcessors.Processing;

/// <summary>The trip processor end to end on the embedded broker: findings against the truth, a restart, bad rows.</summary>
public sealed class TripProcessingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 2_000;
    private TestBroker _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    private static ProcessingOptions TripsOnly(string group)
    {
        var options = ProcessingHarness.FastOptions(group);
        options.Run = ["trips"];
        return options;
    }

    [Fact]
    public async Task Findings_MatchTheTruthHeaders_AndARestartMidStreamReEmitsTheSameFindingsButForRareBorderlineRows()
    {
        // Seed 7 was used for neither tuning (1–5) nor the held-out evaluation (101–110).
        var log = new TripSimulator(new TripSimulationOptions { ErrorRate = 0.05 }, 7, new DateOnly(2026, 2, 2)).Events().Take(Rows).ToList();
        ProcessingHarness.Publish(_broker, Topics.TripsRecords, log);

        var uninterrupted = await RunToEndAsync("trips-a", restartAfter: null);
        var report = TripTypoEvaluation.Score(Rows,
            log.Select(e => (e.Value.TripId, Truth: TripTypoEvaluation.Truth(e.Headers))).Where(t => t.Truth is not null).ToDictionary(t => t.TripId, t => t.Truth!.Value),
            [.. uninterrupted.Values.Select(Finding)]);
        output.WriteLine(report.ToTable());
        Assert.True(report.Overall.Precision >= 0.95 && report.Overall.Recall >= 0.85, report.ToTable());
        Assert.All(uninterrupted.Values.Where(a => a.Kind != AnomalyKind.DuplicateRow), a => Assert.NotNull(a.ExpectedValue));

        var restarted = await RunToEndAsync("trips-b", restartAfter: Rows / 2);
        var differing = uninterrupted.Keys.Union(restarted.Keys).Except(uninterrupted.Keys.Intersect(restarted.Keys)).ToList();
        output.WriteLine($"{uninterrupted.Count} findings uninterrupted, {restarted.Count} with a restart, {differing.Count} differ");
        var index = log.Select((e, i) => (e.Value.TripId, i)).ToDictionary(x => x.TripId, x => x.i);
        foreach (var id in differing)
        {
            var a = uninterrupted.GetValueOrDefault(id) ?? restarted[id];
            output.WriteLine($"{(uninterrupted.ContainsKey(id) ? "only uninterrupted" : "only restarted")}: row {index[Guid.Parse(a.Details["trip_id"])]} {a.EntityId} {a.Kind} {a.Field}");
        }
        // The restarted instance rebuilds each truck's history from its last 64 rows, not from the truck's first row,
        // so a borderline row can be decided differently (the pump-price grid remembers ~1 000 receipts). Nothing
        // may be lost, and differences must stay rare.
        Assert.True(differing.Count <= Math.Max(2, uninterrupted.Count / 50), $"{differing.Count} of {uninterrupted.Count} findings differ after a restart");
    }

    [Fact]
    public async Task InvalidRows_AreDeadLetteredWithTheReason()
    {
        var row = new TripSimulator(new TripSimulationOptions { ErrorRate = 0 }, 8, new DateOnly(2026, 2, 2)).Events().First().Value;
        var bad = new[] { row with { TruckId = "" }, row with { OdometerEndKm = -120 }, row with { FuelLitres = double.NaN }, row with { Revenue = -1m }, row with { TripId = Guid.Empty } };
        ProcessingHarness.Publish(_broker, Topics.TripsRecords, bad.Select(b => new OutgoingEvent<TripRecord>("TRK-01", b, b.EnteredAt, [])));

        await using (ProcessingHarness.Start(_broker, TripsOnly("trips-bad")))
        {
            await TestTimeouts.WaitUntilAsync(() => TopicReader.ReadAll(_broker.BootstrapServers, Topics.DeadLetters).Count == bad.Length,
                "every invalid row is dead-lettered", TimeSpan.FromSeconds(60));
        }
        var messages = TopicReader.ReadAll(_broker.BootstrapServers, Topics.DeadLetters).Select(r => ProcessingHarness.Decode<DeadLetter>(r.Value))
            .OrderBy(l => l.SourceOffset).Select(l => l.ErrorMessage).ToList();
        Assert.Equal(["truck_id is empty", "odometer_end_km -120 is outside 0 … 10000000", "fuel_litres NaN is outside 0 … 100000", "revenue -1 is outside 0 … 100000000", "trip_id is empty"], messages);
    }

    [Fact]
    public async Task AFirstRowThatIsDeadLettered_DoesNotStopTheProcessor_AndTheRowsAfterItAreChecked()
    {
        // Issue 11 item 3: the safe offset of a partition whose only record so far was dead-lettered subtracted from
        // DateTimeOffset.MinValue ("un-representable DateTime"); now that a processing exception stops the processor,
        // that bug would stop it here.
        var rows = new TripSimulator(new TripSimulationOptions { ErrorRate = 0 }, 9, new DateOnly(2026, 3, 2)).Events().Where(e => e.Key == "TRK-01").Take(20).Select(e => e.Value).ToList();
        var bad = rows[0] with { TruckId = "" };
        ProcessingHarness.Publish(_broker, Topics.TripsRecords, new[] { bad }.Concat(rows).Select(r => new OutgoingEvent<TripRecord>("TRK-01", r, r.EnteredAt, [])));

        await using var run = ProcessingHarness.Start(_broker, TripsOnly("trips-bad-first"));
        await TestTimeouts.WaitUntilAsync(() => run.Run.IsCompleted || run.Processing.CountersOf("trips")?.Records == rows.Count,
            "every valid row is processed", TimeSpan.FromSeconds(60));
        Assert.False(run.Run.IsCompleted, run.Run.Exception?.ToString());
        Assert.Equal(1, run.Processing.CountersOf("trips")!.DeadLetters);
    }

    /// <summary>
    /// Runs the trip processor in its own group until every row was processed and the anomalies stopped coming,
    /// optionally stopping it once part-way and starting a new instance; returns its findings by anomaly id (last wins).
    /// </summary>
    private async Task<Dictionary<Guid, Anomaly>> RunToEndAsync(string group, int? restartAfter)
    {
        // Earlier runs' findings are on the same topic: only records past each partition's current end are this run's.
        var before = TopicReader.ReadAll(_broker.BootstrapServers, Topics.Anomalies).GroupBy(r => r.Partition).ToDictionary(g => g.Key, g => g.Max(r => r.Offset));
        if (restartAfter is { } rows)
        {
            await using var first = ProcessingHarness.Start(_broker, TripsOnly(group));
            await TestTimeouts.WaitUntilAsync(() => first.Processing.CountersOf("trips")?.Records >= rows, "the first instance gets part-way", TimeSpan.FromSeconds(60));
        }
        await using (var run = ProcessingHarness.Start(_broker, TripsOnly(group)))
        {
            // The last instance has seen every row once its highest input offset is the topic's last.
            await TestTimeouts.WaitUntilAsync(() => run.Processing.CountersOf("trips")?.Positions.Values.Sum() == Rows,
                "the instance reaches the end of the log", TimeSpan.FromSeconds(90));
        }
        return TopicReader.ReadAll(_broker.BootstrapServers, Topics.Anomalies).Where(r => r.Offset > before.GetValueOrDefault(r.Partition, -1))
            .Select(r => ProcessingHarness.Decode<Anomaly>(r.Value))
            .GroupBy(a => a.AnomalyId).ToDictionary(g => g.Key, g => g.Last());
    }

    private static TripEntryFinding Finding(Anomaly a) =>
        new(a.EntityId, Guid.Parse(a.Details["trip_id"]), a.EventTime, a.Kind, a.Field, a.ObservedValue, a.ExpectedValue, a.Score, a.Details);
}
