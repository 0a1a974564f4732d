using SensorStream.Storage;
using Npgsql;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Locations;
using SensorStream.StreamProcessors.Anomalies;
using SensorStream.Storage.Migrations;
using SensorStream.Storage.Queries;
using SensorStream.Sinks.Writers;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Sinks.Queries;

/// <summary>The query layer on both storage paths, against data written the way the sink writes it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SensorQueriesTests(PostgresClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<StorageMode> Paths => [StorageMode.Plain, StorageMode.TimescaleDb];

    private async Task<(string Db, SensorQueries Queries, NpgsqlDataSource DataSource)> DatabaseAsync(StorageMode mode, DateTimeOffset? now = null)
    {
        var path = SinkSchema.PathOf(mode);
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, path);
        var dataSource = NpgsqlDataSource.Create(db);
        await ReferenceData.SeedAsync(dataSource, LocationTree.Default, ["g1", "g2"], TestContext.Current.CancellationToken);
        return (db, new SensorQueries(dataSource, now is { } n ? new FixedClock(n) : null), dataSource);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task LatestBlocks_AreTheNewestNPerMachine_NewestFirst_WithTheirRms(StorageMode mode)
    {
        var (db, queries, dataSource) = await DatabaseAsync(mode);
        await using var _ = dataSource;
        var blocks = Enumerable.Range(0, 10).SelectMany(i => new[]
        {
            new VibrationBlock("g1", $"sensor{1 + (i % 2)}", T0.AddSeconds(i), 2560, 1500, [3f, -4f]),
            new VibrationBlock("g2", "sensor1", T0.AddSeconds(i).AddMilliseconds(500), 2560, null, [1f, 1f]),
        }).ToList();
        SinkSchema.Write(db, SinkSchema.PathOf(mode), [SinkSchema.Batch(new VibrationBlockWriter(), blocks)]);

        var latest = await queries.LatestBlocksAsync(3, before: T0.AddMinutes(1), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(6, latest.Count);
        Assert.Equal([T0.AddSeconds(9), T0.AddSeconds(8), T0.AddSeconds(7)], latest.Where(b => b.MachineId == "g1").Select(b => b.EventTime));
        Assert.Equal(["sensor2", "sensor1", "sensor2"], latest.Where(b => b.MachineId == "g1").Select(b => b.SensorId));
        Assert.All(latest.Where(b => b.MachineId == "g1"), b => Assert.Equal(Math.Sqrt(12.5), b.RmsG, 9));
        Assert.Equal(3, latest.Count(b => b.MachineId == "g2" && b.ShaftSpeedRpm is null));
        var one = await queries.LatestBlocksAsync(1, "g2", T0.AddMinutes(1), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(T0.AddSeconds(9.5), Assert.Single(one).EventTime);
        Assert.Empty(await queries.LatestBlocksAsync(5, before: T0.AddDays(3), cancellationToken: TestContext.Current.CancellationToken)); // outside the 24 h lookback
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Range_IsDownsampledToAtMostNPoints_KeepingEveryPeak(StorageMode mode)
    {
        var (db, queries, dataSource) = await DatabaseAsync(mode);
        await using var _ = dataSource;
        // 10 blocks of 256 samples at 2 560 Hz = 1 s of signal; one spike of 9 g in block 6.
        var blocks = Enumerable.Range(0, 10).Select(i => new VibrationBlock("g1", "sensor1", T0.AddMilliseconds(100 * i), 2560, 1500,
            [.. Enumerable.Range(0, 256).Select(k => i == 6 && k == 100 ? 9f : (float)Math.Sin(k / 10.0))])).ToList();
        SinkSchema.Write(db, SinkSchema.PathOf(mode), [SinkSchema.Batch(new VibrationBlockWriter(), blocks)]);
        var ct = TestContext.Current.CancellationToken;

        var reduced = await queries.RangeAsync("g1", "sensor1", T0, T0.AddSeconds(1), 50, ct);
        var full = await queries.RangeAsync("g1", "sensor1", T0, T0.AddSeconds(1), 10_000, ct);
        var half = await queries.RangeAsync("g1", "sensor1", T0.AddMilliseconds(500), T0.AddSeconds(1), 10_000, ct);

        Assert.InRange(reduced.Count, 45, 50);
        Assert.Equal(2560, reduced.Sum(p => p.Count));
        Assert.Equal(9, reduced.Max(p => p.Max));
        Assert.Equal(2560, full.Count); // fewer samples than points: every sample at its own time
        Assert.All(full, p => Assert.Equal(1, p.Count));
        // Sample 100 of block 6, to PostgreSQL's microsecond.
        Assert.Equal(T0.AddMilliseconds(600).AddTicks((long)(100 * 10_000_000.0 / 2560)), full.Single(p => p.Max == 9).Time, TimeSpan.FromMicroseconds(1));
        Assert.Equal(1280, half.Count);
        Assert.True(half[0].Time >= T0.AddMilliseconds(500));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Hourly_ByLocationOrFactory_TakesDatesAsYearMonthOrDay(StorageMode mode)
    {
        var (db, queries, dataSource) = await DatabaseAsync(mode);
        await using var _ = dataSource;
        WindowAggregate Window(string entity, string type, DateTimeOffset start, TimeSpan size, double avg) =>
            new(entity, "temperature_c", start, start + size, 360, avg - 1, avg + 1, avg, 0, type, null, StatusLevel.Normal);
        var windows = new List<WindowAggregate>();
        foreach (var day in new[] { new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero) })
        {
            for (var hour = 0; hour < 24; hour++)
            {
                windows.Add(Window("F1-B1-1F-L01", EntityTypes.Location, day.AddHours(hour), TimeSpan.FromHours(1), 20 + hour));
                windows.Add(Window("F1", EntityTypes.Factory, day.AddHours(hour), TimeSpan.FromHours(1), 25));
                windows.Add(Window("F1-B1-1F-L01", EntityTypes.Location, day.AddHours(hour), TimeSpan.FromMinutes(1), 99)); // not hourly
            }
        }
        SinkSchema.Write(db, SinkSchema.PathOf(mode), [SinkSchema.Batch(new WindowAggregateWriter(), windows)]);
        var ct = TestContext.Current.CancellationToken;

        var day1 = await queries.HourlyAsync("location", "F1-B1-1F-L01", DatePeriod.Parse("20261101", "20261101"), cancellationToken: ct);
        var november = await queries.HourlyAsync("factory", "F1", DatePeriod.Parse("202611", "202611"), "temperature_c", ct);
        var year = await queries.HourlyAsync("location", "F1-B1-1F-L01", DatePeriod.Parse("2026", "2026"), cancellationToken: ct);

        Assert.Equal(24, day1.Count);
        Assert.Equal(Enumerable.Range(0, 24).Select(h => 20.0 + h), day1.Select(h => h.Avg));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), day1[0].Hour);
        Assert.All(day1, h => Assert.Equal("Normal", h.Status));
        Assert.Equal(48, november.Count);
        Assert.Equal(72, year.Count);
        Assert.Empty(await queries.HourlyAsync("location", "F1-B1-1F-L01", DatePeriod.Parse("2025", "202609"), cancellationToken: ct));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Snapshot_ShowsEachSensorsLatestReadingAndStatus_FilteredByAnyLevel(StorageMode mode)
    {
        var now = T0.AddMinutes(10);
        var (db, queries, dataSource) = await DatabaseAsync(mode, now);
        await using var _ = dataSource;
        var sensors = LocationTree.Default.Sensors.Where(s => s.LocId == "F1-B1-1F-L01").ToList();
        var fresh = sensors[0];
        var stale = sensors[1];
        var readings = Enumerable.Range(0, 5).Select(i => new EnvironmentReading(fresh.SensorId, fresh.LocId, now.AddMinutes(-1).AddSeconds(10 * i), 20 + i, 40, 20 + i))
            .Append(new EnvironmentReading(stale.SensorId, stale.LocId, now.AddMinutes(-9), 30, 50, 31)).ToList();
        var statuses = new[]
        {
            new StatusChange(fresh.SensorId, fresh.SensorType, "temperature_c", T0, null, StatusLevel.Normal, 21, null),
            new StatusChange(fresh.SensorId, fresh.SensorType, "temperature_c", T0.AddMinutes(5), StatusLevel.Normal, StatusLevel.Warning, 33, 32),
            new StatusChange(fresh.SensorId, fresh.SensorType, "humidity_pct", T0, null, StatusLevel.Normal, 40, null),
        };
        SinkSchema.Write(db, SinkSchema.PathOf(mode), [SinkSchema.Batch(new EnvironmentReadingWriter(), readings), SinkSchema.Batch(new StatusChangeWriter(), statuses)]);
        var ct = TestContext.Current.CancellationToken;

        var location = await queries.SnapshotAsync(locId: fresh.LocId, cancellationToken: ct);
        var byBuildingId = await queries.SnapshotAsync(factory: null, building: fresh.BuildingId, cancellationToken: ct);
        var byName = await queries.SnapshotAsync(factory: fresh.Factory, building: fresh.Building, floor: fresh.Floor, cancellationToken: ct);

        Assert.Equal(sensors.Select(s => s.SensorId), location.Select(s => s.SensorId));
        var first = location[0];
        Assert.Equal((now.AddMinutes(-1).AddSeconds(40), 24.0, 40.0, 24.0, false), (first.ReadingTime!.Value, first.TemperatureC!.Value, first.HumidityPct!.Value, first.PerceivedTemperatureC!.Value, first.Stale));
        Assert.Equal(new Dictionary<string, string> { ["temperature_c"] = "Warning", ["humidity_pct"] = "Normal" }, first.Status);
        Assert.True(location[1].Stale); // 9 minutes old
        Assert.All(location.Skip(2), s => Assert.True(s.ReadingTime is null && s.Stale && s.Status.Count == 0));
        Assert.Equal(LocationTree.Default.Sensors.Count(s => s.BuildingId == fresh.BuildingId), byBuildingId.Count);
        Assert.Equal(LocationTree.Default.Sensors.Count(s => s.FloorId == fresh.FloorId), byName.Count);
        Assert.Equal(LocationTree.Default.Sensors.Count, (await queries.SnapshotAsync(cancellationToken: ct)).Count);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task TripSummaries_PerTruckAndMonth_RawAndWithAcceptedCorrections(StorageMode mode)
    {
        var (db, queries, dataSource) = await DatabaseAsync(mode);
        await using var _ = dataSource;
        TripRecord Trip(string truck, int day, double distance, double fuel, decimal revenue, int month = 11) =>
            new(truck, Guid.NewGuid(), new DateOnly(2026, month, day), 1000, 1000 + distance, distance, fuel, (decimal)fuel * 1.5m, 10m, revenue, "Lyon", "Paris",
                new DateTimeOffset(2026, month, day, 18, 0, 0, TimeSpan.Zero));
        var typo = Trip("TRK-01", 3, 4500, 150, 900m); // 450 km typed as 4500
        var original = Trip("TRK-01", 4, 400, 130, 800m);
        var duplicate = original with { TripId = Guid.NewGuid() };
        var trips = new[] { Trip("TRK-01", 2, 500, 160, 1000m), typo, original, duplicate, Trip("TRK-01", 2, 300, 100, 600m, month: 10), Trip("TRK-02", 5, 200, 70, 400m) };
        Anomaly Finding(TripRecord trip, AnomalyKind kind, string field, double? observed, double? expected, double score) =>
            new(AnomalyIds.For(Topics.TripsRecords, trip.TruckId, trip.TripId.ToString(), field), Topics.TripsRecords, trip.TruckId, trip.EnteredAt, kind, field, observed,
                expected, score, new Dictionary<string, string> { ["trip_id"] = trip.TripId.ToString() });
        var anomalies = new[]
        {
            Finding(typo, AnomalyKind.DroppedDigit, "distance_km", 4500, 450, 0.97),
            Finding(duplicate, AnomalyKind.DuplicateRow, "row", null, null, 0.99),
            Finding(original, AnomalyKind.AdjacentKeyTypo, "revenue", 800, 500, 0.5), // below the acceptance score: not applied
        };
        SinkSchema.Write(db, SinkSchema.PathOf(mode), [SinkSchema.Batch(new TripRecordWriter(), trips), SinkSchema.Batch(new AnomalyWriter(0.9), anomalies)]);

        var summaries = await queries.TripSummariesAsync(cancellationToken: TestContext.Current.CancellationToken);
        var november = await queries.TripSummariesAsync("TRK-01", DatePeriod.Parse("202611", "202611"), TestContext.Current.CancellationToken);

        Assert.Equal([("TRK-01", new DateOnly(2026, 10, 1)), ("TRK-01", new DateOnly(2026, 11, 1)), ("TRK-02", new DateOnly(2026, 11, 1))],
            summaries.Select(s => (s.TruckId, s.Month)));
        var month = Assert.Single(november);
        Assert.Equal((4L, 500 + 4500 + 400 + 400.0, 3500m), (month.Raw.Trips, month.Raw.DistanceKm, month.Raw.Revenue));
        Assert.Equal((3L, 500 + 450 + 400.0, 2700m), (month.Corrected.Trips, month.Corrected.DistanceKm, month.Corrected.Revenue));
        Assert.Equal(1350.0 / 440, month.Corrected.KmPerLitre!.Value, 9);
        Assert.Equal(((160 + 150 + 130) * 1.5m + 30m) / 1350m, month.Corrected.CostPerKm!.Value, 9);
    }

    [Fact]
    public async Task BadArguments_AreRejectedNamingTheParameter()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.Cluster.ConnectionString());
        var queries = new SensorQueries(dataSource);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal("n", (await Assert.ThrowsAsync<InvalidQueryException>(() => queries.LatestBlocksAsync(0, cancellationToken: ct))).Parameter);
        Assert.Equal("points", (await Assert.ThrowsAsync<InvalidQueryException>(() => queries.RangeAsync("g1", "sensor1", T0, T0.AddHours(1), 0, ct))).Parameter);
        Assert.Equal("to", (await Assert.ThrowsAsync<InvalidQueryException>(() => queries.RangeAsync("g1", "sensor1", T0, T0, 10, ct))).Parameter);
        Assert.Equal("machine", (await Assert.ThrowsAsync<InvalidQueryException>(() => queries.RangeAsync(" ", "sensor1", T0, T0.AddHours(1), 10, ct))).Parameter);
        Assert.Equal("level", (await Assert.ThrowsAsync<InvalidQueryException>(() => queries.HourlyAsync("room", "x", DatePeriod.Parse("2026", "2026"), cancellationToken: ct))).Parameter);
        Assert.Equal("stale_after", (await Assert.ThrowsAsync<InvalidQueryException>(() => queries.SnapshotAsync(staleAfter: TimeSpan.Zero, cancellationToken: ct))).Parameter);
    }

    [Theory]
    [InlineData("2026", "2026", "2026-01-01", "2027-01-01")]
    [InlineData("202602", "202602", "2026-02-01", "2026-03-01")]
    [InlineData("20240228", "20240229", "2024-02-28", "2024-03-01")]
    [InlineData("2025", "20260115", "2025-01-01", "2026-01-16")]
    public void DatePeriod_CoversTheWholeOfBothBounds(string start, string end, string expectedStart, string expectedEnd)
    {
        var period = DatePeriod.Parse(start, end);
        Assert.Equal(DateTimeOffset.Parse(expectedStart + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateTimeOffset.Parse(expectedEnd + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), period.End);
    }

    [Theory]
    [InlineData("", "2026", "start_date")]
    [InlineData("26", "2026", "start_date")]
    [InlineData("2026", "2026-11", "end_date")]
    [InlineData("20261301", "2027", "start_date")]
    [InlineData("20260230", "2027", "start_date")]
    [InlineData("2026", "2025", "end_date")]
    [InlineData("２０２６", "2027", "start_date")]
    [InlineData(null, "2027", "start_date")]
    public void DatePeriod_RejectsWhatIsNotYyyyYyyyMmOrYyyyMmDd(string? start, string end, string parameter)
    {
        var error = Assert.Throws<InvalidQueryException>(() => DatePeriod.Parse(start, end));
        Assert.Equal(parameter, error.Parameter);
        Assert.Contains(parameter, error.Message, StringComparison.Ordinal);
    }
}
