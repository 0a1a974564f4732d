using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SensorStream.Contracts.Events;
using SensorStream.Sinks.Batching;
using SensorStream.Sinks.Writers;
using SensorStream.Storage;
using SensorStream.Storage.LocalDatabase;
using SensorStream.Storage.Maintenance;
using SensorStream.Storage.Migrations;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Sinks;

/// <summary>Retention as a setting on both storage paths, run by the sink's maintenance, as an ordinary database owner.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionTests(PostgresClusterFixture fixture)
{
    private LocalPostgresCluster Cluster => fixture.Cluster;

    private const string PartitionsOf = """
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = '{0}' ORDER BY c.relname
        """;

    private async Task<string> OwnedMigratedAsync(StoragePath path)
    {
        SinkSchema.SkipUnlessAvailable(Cluster, path);
        var db = Cluster.ConnectionString(await Cluster.CreateDatabaseAsync(LocalPostgresCluster.OwnerRole), user: LocalPostgresCluster.OwnerRole);
        await using var dataSource = NpgsqlDataSource.Create(db);
        var mode = path == StoragePath.TimescaleDb ? StorageMode.TimescaleDb : StorageMode.Plain;
        Assert.Equal(path, (await new Migrator(dataSource, mode, NullLogger.Instance).MigrateAsync(TestContext.Current.CancellationToken)).Path);
        return db;
    }

    private static TableBatch<EnvironmentReading> Readings(params DateTimeOffset[] times)
    {
        var batch = new TableBatch<EnvironmentReading>(new EnvironmentReadingWriter());
        foreach (var time in times)
        {
            batch.Add(new EnvironmentReading("F1-B1-1F-L01-A1", "F1-B1-1F-L01", time, 21, 40, null));
        }
        return batch;
    }

    [Fact]
    public async Task Plain_Maintenance_DropsWholePartitionsOlderThanTheRetention_AndKeepsEverythingElse()
    {
        var db = await OwnedMigratedAsync(StoragePath.Plain);
        var now = DateTimeOffset.UtcNow;
        var days = new[] { 12, 11, 10, 3, 0 }.Select(d => now.AddDays(-d)).ToArray();
        await using var dataSource = NpgsqlDataSource.Create(db);
        var health = new StorageHealth(new System.Diagnostics.Metrics.Meter("retention-test-" + Guid.NewGuid()));
        var retention = new RetentionOptions { EnvironmentReadings = TimeSpan.FromDays(10), VibrationBlocks = null };
        var maintenance = new StorageMaintenance(StoragePath.Plain, retention, health, NullLogger.Instance);
        var partitions = new TimePartitions();
        using var database = new SinkDatabase(dataSource, partitions, "retention-sink", maintenance);
        database.Write([Readings(days)], []);
        var blocks = new TableBatch<VibrationBlock>(new VibrationBlockWriter());
        blocks.Add(new VibrationBlock("g1", "sensor1", now.AddDays(-200), 2560, null, [1, 2]));
        database.Write([blocks], []);

        var report = database.Maintain(now.UtcDateTime, TimeSpan.FromDays(1));
        var again = database.Maintain(now.UtcDateTime, TimeSpan.FromDays(1));
        // A late reading for a dropped day is still written: its partition comes back (and goes at the next pass).
        database.Write([Readings(now.AddDays(-12))], []);

        // 12 and 11 days back are wholly older than 10 days; the partition of 10 days back still holds younger hours.
        var expected = days.Skip(2).Select(d => $"environment_readings_{d.UtcDateTime:yyyyMMdd}").Order().ToList();
        Assert.Equal(2, report.RetentionChanges);
        Assert.Equal(0, again.RetentionChanges);
        Assert.Empty(report.FailingJobs);
        Assert.Equal(4L, await SinkSchema.CountAsync(db, "environment_readings"));
        Assert.Contains($"environment_readings_{days[0].UtcDateTime:yyyyMMdd}", await PartitionsAsync(db, "environment_readings"));
        Assert.Equal(1L, await SinkSchema.CountAsync(db, "vibration_blocks")); // no vibration retention configured: kept
        Assert.True(health.Healthy, health.Describe());
        Assert.Contains("storage maintenance ok", health.Describe());
        var remaining = await PartitionsAsync(db, "environment_readings");
        Assert.All(expected, p => Assert.Contains(p, remaining));
    }

    [Fact]
    public async Task Plain_ApplyRetention_RefusesATableThatIsNotTimePartitioned()
    {
        var db = await OwnedMigratedAsync(StoragePath.Plain);

        var error = await Assert.ThrowsAsync<PostgresException>(() => SinkSchema.ScalarAsync<int>(db, "SELECT apply_retention('trips', INTERVAL '3 days')"));

        Assert.Contains("trips is not a time-partitioned table", error.MessageText);
    }

    [Fact]
    public async Task TimescaleDb_AfterMigrating_HasHypertablesTheHourlyAggregateAndEveryPolicy()
    {
        var db = await OwnedMigratedAsync(StoragePath.TimescaleDb);

        Assert.Equal(["environment_readings", "vibration_blocks", "vibration_diagnoses", "window_aggregates"],
            (await SinkSchema.RowsAsync(db, "SELECT hypertable_name::text FROM timescaledb_information.hypertables ORDER BY 1")).Select(r => (string)r[0]!));
        Assert.Equal([("environment_hourly", false)],
            (await SinkSchema.RowsAsync(db, "SELECT view_name::text, materialized_only FROM timescaledb_information.continuous_aggregates")).Select(r => ((string)r[0]!, (bool)r[1]!)));
        var jobs = await JobsAsync(db);
        Assert.Contains(("policy_compression", "vibration_blocks", "7 days"), jobs);
        Assert.Contains(("policy_compression", "environment_readings", "7 days"), jobs);
        Assert.Contains(("policy_retention", "vibration_blocks", "90 days"), jobs);
        Assert.Contains(("policy_retention", "environment_readings", "400 days"), jobs);
        // The refresh reaches back to two days inside the environment retention (migration 5), not 3 days.
        Assert.Contains(("policy_refresh_continuous_aggregate", "environment_hourly", "398 days"), jobs);
    }

    [Fact]
    public async Task TimescaleDb_RetentionSettings_ReplaceThePolicies_AndMoveTheRefreshWindowWithThem()
    {
        var db = await OwnedMigratedAsync(StoragePath.TimescaleDb);
        await using var dataSource = NpgsqlDataSource.Create(db);
        var retention = new RetentionOptions { VibrationBlocks = TimeSpan.FromDays(30), EnvironmentReadings = null, WindowAggregates = TimeSpan.FromDays(800) };
        var maintenance = new StorageMaintenance(StoragePath.TimescaleDb, retention, null, NullLogger.Instance);
        using var database = new SinkDatabase(dataSource, null, "retention-sink", maintenance);

        var report = database.Maintain(DateTime.UtcNow, TimeSpan.Zero);
        var again = database.Maintain(DateTime.UtcNow, TimeSpan.Zero);

        var jobs = await JobsAsync(db);
        Assert.Equal(4, report.RetentionChanges); // vibration changed, environment removed + its refresh window, windows added
        Assert.Equal(0, again.RetentionChanges);
        Assert.Contains(("policy_retention", "vibration_blocks", "30 days"), jobs);
        Assert.Contains(("policy_retention", "window_aggregates", "800 days"), jobs);
        Assert.DoesNotContain(jobs, j => j.Job == "policy_retention" && j.Table == "environment_readings");
        Assert.Contains(("policy_refresh_continuous_aggregate", "environment_hourly", ""), jobs); // no retention: refresh everything
    }

    [Fact]
    public async Task TimescaleDb_ReadingsTenDaysOld_ReachEnvironmentHourlyOnceTheRefreshPolicyRuns()
    {
        var db = await OwnedMigratedAsync(StoragePath.TimescaleDb);
        var hour = DateTimeOffset.UtcNow.AddDays(-10);
        hour = new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero);
        // The refresh runs once so the watermark moves past these hours: only then do they depend on the policy.
        var job = await SinkSchema.ScalarAsync<int>(db, """
            SELECT j.job_id FROM timescaledb_information.jobs j JOIN timescaledb_information.continuous_aggregates c
              ON c.materialization_hypertable_name = j.hypertable_name WHERE j.proc_name = 'policy_refresh_continuous_aggregate'
            """);
        await SinkSchema.ScalarAsync<int>(db, $"CALL run_job({job}); SELECT 1");
        SinkSchema.Write(db, StoragePath.TimescaleDb, [Readings(hour.AddMinutes(5), hour.AddMinutes(25), hour.AddMinutes(45))]);

        await SinkSchema.ScalarAsync<int>(db, $"CALL run_job({job}); SELECT 1");

        var hourly = await SinkSchema.RowsAsync(db, $"SELECT readings, max_temperature_c FROM environment_hourly WHERE bucket = '{hour:O}'");
        var ranged = await SinkSchema.RowsAsync(db, $"SELECT readings FROM environment_hourly_range('{hour:O}', '{hour.AddHours(1):O}')");
        Assert.Equal([(3L, 21.0)], hourly.Select(r => ((long)r[0]!, (double)r[1]!)));
        Assert.Equal([3L], ranged.Select(r => (long)r[0]!));
    }

    [Fact]
    public async Task TimescaleDb_AFailingJob_IsReportedByMaintenanceAndHealth()
    {
        var db = await OwnedMigratedAsync(StoragePath.TimescaleDb);
        await SinkSchema.ScalarAsync<int>(db, """
            CREATE PROCEDURE always_fails(job_id int, config jsonb) LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'broken on purpose'; END $$;
            SELECT add_job('always_fails', INTERVAL '1 hour', initial_start => now())
            """);
        await using var dataSource = NpgsqlDataSource.Create(db);
        var health = new StorageHealth(new System.Diagnostics.Metrics.Meter("jobs-test-" + Guid.NewGuid()));
        var maintenance = new StorageMaintenance(StoragePath.TimescaleDb, new RetentionOptions(), health, NullLogger.Instance);
        using var database = new SinkDatabase(dataSource, null, "jobs-sink", maintenance);

        // The scheduler runs it at once; poll until its failure shows.
        await TestTimeouts.WaitUntilAsync(() => database.Maintain(DateTime.UtcNow, TimeSpan.Zero).FailingJobs.Any(j => j.Job == "always_fails"),
            "maintenance reports the failing job", TimeSpan.FromSeconds(90));

        Assert.False(health.Healthy);
        Assert.Contains("always_fails", health.Describe());
    }

    [Fact]
    public async Task FailingJobs_ReadJobStatsAndTheLastError_WhereTimescaleDbIsMissing_ThroughViewsOfTheSameShape()
    {
        // TimescaleDB is not installed here, so its information views are recreated with the columns and types
        // TimescaleDB defines (sql/views.sql), to run the query and its mapping; the TimescaleDB-only test above runs
        // it against real jobs where the extension exists.
        var db = Cluster.ConnectionString(await Cluster.CreateDatabaseAsync());
        await SinkSchema.ScalarAsync<int>(db, """
            CREATE SCHEMA timescaledb_information;
            CREATE VIEW timescaledb_information.jobs AS
                SELECT * FROM (VALUES (1000, 'policy_retention'::name, 'vibration_blocks'::name), (1001, 'policy_compression'::name, 'vibration_blocks'::name),
                                      (1002, 'policy_refresh_continuous_aggregate'::name, '_materialized_hypertable_5'::name))
                AS j(job_id, proc_name, hypertable_name);
            CREATE VIEW timescaledb_information.job_stats AS
                SELECT * FROM (VALUES
                    ('vibration_blocks'::name, 1000, 'Failed'::text, 5::bigint, 5::bigint, '-infinity'::timestamptz),
                    ('vibration_blocks'::name, 1001, 'Success'::text, 1::bigint, 0::bigint, now()),
                    ('_materialized_hypertable_5'::name, 1002, 'Failed'::text, 9::bigint, 1::bigint, '2026-12-01 10:00+00'::timestamptz))
                AS s(hypertable_name, job_id, last_run_status, total_runs, total_failures, last_successful_finish);
            CREATE VIEW timescaledb_information.job_errors AS
                SELECT * FROM (VALUES (1000, now() - INTERVAL '1 hour', 'older error'::text), (1000, now(), 'cannot drop portal "" while it is being set up'::text))
                AS e(job_id, start_time, err_message);
            SELECT 1
            """);
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var maintenance = new StorageMaintenance(StoragePath.TimescaleDb, new RetentionOptions(), null, NullLogger.Instance);

        var failing = maintenance.FailingJobs(connection);

        Assert.Equal(
            [
                new StorageJobFailure(1000, "policy_retention", "vibration_blocks", 5, 5, null, "cannot drop portal \"\" while it is being set up"),
                new StorageJobFailure(1002, "policy_refresh_continuous_aggregate", "_materialized_hypertable_5", 1, 9, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), null),
            ],
            failing);
        Assert.Empty(new StorageMaintenance(StoragePath.Plain, new RetentionOptions(), null, NullLogger.Instance).FailingJobs(connection));
    }

    private static async Task<List<string>> PartitionsAsync(string db, string table) =>
        [.. (await SinkSchema.RowsAsync(db, string.Format(System.Globalization.CultureInfo.InvariantCulture, PartitionsOf, table))).Select(r => (string)r[0]!)];

    /// <summary>Every policy job as (procedure, table or continuous aggregate, interval of its window: drop_after, compress_after or start_offset).</summary>
    private static async Task<List<(string Job, string Table, string Interval)>> JobsAsync(string db) =>
        [.. (await SinkSchema.RowsAsync(db, """
            SELECT j.proc_name::text, coalesce(c.view_name::text, j.hypertable_name::text),
                   coalesce(j.config ->> 'drop_after', j.config ->> 'compress_after', j.config ->> 'start_offset', '')
            FROM timescaledb_information.jobs j
            LEFT JOIN timescaledb_information.continuous_aggregates c ON c.materialization_hypertable_name = j.hypertable_name
            WHERE j.proc_name LIKE 'policy_%'
            """)).Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!))];
}
