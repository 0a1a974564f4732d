using Npgsql;
using SensorStream.Contracts.Events;
using SensorStream.Sinks.Batching;
using SensorStream.Storage.Migrations;
using SensorStream.Sinks.Writers;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Sinks;

[Collection(PostgresCollection.Name)]
public sealed class TimePartitionTests(PostgresClusterFixture fixture)
{
    private const string PartitionsOf = """
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = '{0}' ORDER BY c.relname
        """;

    private static async Task<List<string>> PartitionsAsync(string db, string table) =>
        [.. (await SinkSchema.RowsAsync(db, string.Format(System.Globalization.CultureInfo.InvariantCulture, PartitionsOf, table))).Select(r => (string)r[0]!)];

    [Fact]
    public async Task Maintenance_OnThePlainPath_CreatesDailyAndMonthlyPartitionsAhead_Once()
    {
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, StoragePath.Plain);
        var now = new DateTime(2026, 11, 28, 15, 0, 0, DateTimeKind.Utc);
        await using var dataSource = NpgsqlDataSource.Create(db);
        using var database = new SinkDatabase(dataSource, new TimePartitions(), "test-sink");

        var created = database.MaintainPartitions(now, TimeSpan.FromDays(7));
        using var secondSink = new SinkDatabase(dataSource, new TimePartitions(), "test-sink-2");
        var again = secondSink.MaintainPartitions(now, TimeSpan.FromDays(7));

        var expectedDays = Enumerable.Range(0, 8).Select(d => now.Date.AddDays(d).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expectedDays.Select(d => $"vibration_blocks_{d}"), await PartitionsAsync(db, "vibration_blocks"));
        Assert.Equal(expectedDays.Select(d => $"environment_readings_{d}"), await PartitionsAsync(db, "environment_readings"));
        Assert.Equal(["window_aggregates_202611", "window_aggregates_202612"], await PartitionsAsync(db, "window_aggregates"));
        Assert.Equal(["vibration_diagnoses_202611", "vibration_diagnoses_202612"], await PartitionsAsync(db, "vibration_diagnoses"));
        Assert.Equal(8 + 8 + 2 + 2, created);
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task Batch_WithOldAndNewReadings_CreatesOnlyThePartitionsItsRowsNeed()
    {
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, StoragePath.Plain);
        var batch = new TableBatch<EnvironmentReading>(new EnvironmentReadingWriter());
        batch.Add(new EnvironmentReading("s1", "L1", new DateTimeOffset(2019, 3, 5, 23, 59, 59, TimeSpan.Zero), 20, 50, null));
        batch.Add(new EnvironmentReading("s1", "L1", new DateTimeOffset(2019, 3, 6, 0, 0, 0, TimeSpan.Zero), 21, 51, null));
        batch.Add(new EnvironmentReading("s1", "L1", new DateTimeOffset(2021, 7, 1, 12, 0, 0, TimeSpan.FromHours(2)), 22, 52, 23));

        SinkSchema.Write(db, StoragePath.Plain, [batch]);

        Assert.Equal(["environment_readings_20190305", "environment_readings_20190306", "environment_readings_20210701"], await PartitionsAsync(db, "environment_readings"));
        Assert.Equal(1L, await SinkSchema.ScalarAsync<long>(db, "SELECT count(*) FROM environment_readings_20190306"));
        Assert.Equal(3L, await SinkSchema.CountAsync(db, "environment_readings"));
    }

    [Fact]
    public async Task Batch_AfterARememberedPartitionWasDropped_EnsuresItAgainAndIsWritten()
    {
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, StoragePath.Plain);
        await using var dataSource = NpgsqlDataSource.Create(db);
        using var database = new SinkDatabase(dataSource, new TimePartitions(), "test-sink");
        var day = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        database.MaintainPartitions(day.UtcDateTime, TimeSpan.Zero);
        await SinkSchema.ScalarAsync<int>(db, "DROP TABLE environment_readings_20261128; SELECT 1");
        var batch = new TableBatch<EnvironmentReading>(new EnvironmentReadingWriter());
        batch.Add(new EnvironmentReading("s1", "L1", day.AddHours(3), 20, 50, null));

        database.Write([batch], []);

        Assert.Equal(["environment_readings_20261128"], await PartitionsAsync(db, "environment_readings"));
        Assert.Equal(1L, await SinkSchema.CountAsync(db, "environment_readings"));
    }
}
