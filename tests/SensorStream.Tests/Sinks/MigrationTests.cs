using SensorStream.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SensorStream.Storage.LocalDatabase;
using SensorStream.Storage.Migrations;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Sinks;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresClusterFixture fixture)
{
    private LocalPostgresCluster Cluster => fixture.Cluster;

    private static Task<MigrationResult> MigrateAsync(string connectionString, StorageMode mode = StorageMode.Plain)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return Run();

        async Task<MigrationResult> Run()
        {
            await using (dataSource)
            {
                return await new Migrator(dataSource, mode, NullLogger.Instance).MigrateAsync(TestContext.Current.CancellationToken);
            }
        }
    }

    [Fact]
    public void TimeSeriesTables_AreWrittenOnce_PartitionedOnPlain_AndLeftForHypertablesOnTimescaleDb()
    {
        var plain = MigrationCatalog.For(StoragePath.Plain)[1].Sql;
        var timescale = MigrationCatalog.For(StoragePath.TimescaleDb)[1].Sql;

        foreach (var sql in new[] { plain, timescale })
        {
            Assert.DoesNotContain("{{", sql, StringComparison.Ordinal);
            Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(sql, @"(?m)^CREATE TABLE (vibration_blocks|environment_readings|window_aggregates|vibration_diagnoses) \("));
        }
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(plain, @"\) PARTITION BY RANGE \(event_time\);"));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(plain, @"\) PARTITION BY RANGE \(window_start\);"));
        Assert.DoesNotContain("PARTITION BY", timescale, StringComparison.Ordinal);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(timescale, "create_hypertable"));
    }

    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigration_AndASecondRunChangesNothing()
    {
        var db = Cluster.ConnectionString(await Cluster.CreateDatabaseAsync());

        var first = await MigrateAsync(db);
        var recorded = await SinkSchema.RowsAsync(db, "SELECT version, name, applied_at, checksum FROM schema_migrations ORDER BY version");
        var second = await MigrateAsync(db);

        Assert.Equal(StoragePath.Plain, first.Path);
        Assert.Equal([1, 2, 3, 5], first.Applied);
        Assert.Empty(second.Applied);
        Assert.Equal(recorded.Select(r => string.Join('|', r)), (await SinkSchema.RowsAsync(db, "SELECT version, name, applied_at, checksum FROM schema_migrations ORDER BY version")).Select(r => string.Join('|', r)));
        Assert.Equal(["core", "time_series_plain", "vibration_data_view", "retention_plain"], recorded.Select(r => (string)r[1]!));
        Assert.Equal(MigrationCatalog.For(StoragePath.Plain).Select(m => m.Checksum), recorded.Select(r => (string)r[3]!));
        foreach (var table in new[] { "vibration_blocks", "environment_readings", "trips", "trip_corrections", "window_aggregates", "status_changes",
            "vibration_diagnoses", "anomalies", "dead_letters", "locations", "thresholds", "machines", "sink_offsets", "vibration_data", "trips_corrected", "environment_hourly" })
        {
            Assert.Equal(0L, await SinkSchema.CountAsync(db, table));
        }
    }

    [Fact]
    public async Task Migrate_FourSinksStartingTogether_ApplyEachMigrationExactlyOnce()
    {
        var db = Cluster.ConnectionString(await Cluster.CreateDatabaseAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => MigrateAsync(db)))).DefaultTimeout();

        Assert.Equal([1, 2, 3, 5], results.SelectMany(r => r.Applied).Order());
        Assert.Single(results, r => r.Applied.Count == 4);
        Assert.Equal(4L, await SinkSchema.CountAsync(db, "schema_migrations"));
    }

    [Fact]
    public async Task Migrate_AfterAnAppliedScriptWasEdited_FailsNamingTheMigration()
    {
        var db = Cluster.ConnectionString(await Cluster.CreateDatabaseAsync());
        await MigrateAsync(db);
        await SinkSchema.ScalarAsync<int>(db, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1 RETURNING version");

        var error = await Assert.ThrowsAsync<MigrationException>(() => MigrateAsync(db));

        Assert.Contains("migration 1 (core)", error.Message);
        Assert.Contains("edited", error.Message);
    }

    [Fact]
    public async Task Migrate_DatabaseCreatedOnThePlainPath_StaysOnIt_AndRefusesAForcedOtherPath()
    {
        var db = Cluster.ConnectionString(await Cluster.CreateDatabaseAsync());
        await MigrateAsync(db, StorageMode.Plain);

        var auto = await MigrateAsync(db, StorageMode.Auto);
        var forced = await Assert.ThrowsAsync<MigrationException>(() => MigrateAsync(db, StorageMode.TimescaleDb));

        Assert.Equal(StoragePath.Plain, auto.Path);
        Assert.Contains("created on the Plain path", forced.Message);
    }

    [Fact]
    public async Task Migrate_TimescaleDbRequiredButNotInstalled_FailsSayingSo()
    {
        if (Cluster.TimescaleInstalled)
        {
            Assert.Skip("timescaledb is installed here, so requiring it cannot fail");
        }
        var db = Cluster.ConnectionString(await Cluster.CreateDatabaseAsync());

        var error = await Assert.ThrowsAsync<MigrationException>(() => MigrateAsync(db, StorageMode.TimescaleDb));

        Assert.Contains("timescaledb extension is not installed", error.Message);
        Assert.Equal(0L, await SinkSchema.CountAsync(db, "schema_migrations"));
    }

    [Fact]
    public async Task Migrate_Auto_ChoosesTimescaleDbExactlyWhenTheExtensionIsAvailable()
    {
        var db = Cluster.ConnectionString(await Cluster.CreateDatabaseAsync());

        var result = await MigrateAsync(db, StorageMode.Auto);

        Assert.Equal(Cluster.TimescaleInstalled, result.TimescaleAvailable);
        Assert.Equal(Cluster.TimescaleInstalled ? StoragePath.TimescaleDb : StoragePath.Plain, result.Path);
    }

    [Fact]
    public async Task Migrate_AsAnOrdinaryDatabaseOwner_ChoosesItsPathWithoutReadingSuperuserSettings()
    {
        // The README's Username=sensorstream case: the database belongs to a login role that is not a superuser, which
        // may not read shared_preload_libraries (SQLSTATE 42501).
        var db = Cluster.ConnectionString(await Cluster.CreateDatabaseAsync(LocalPostgresCluster.OwnerRole), user: LocalPostgresCluster.OwnerRole);
        Assert.False(await SinkSchema.ScalarAsync<bool>(db, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));

        var result = await MigrateAsync(db, StorageMode.Auto);

        Assert.Equal(Cluster.TimescaleInstalled ? StoragePath.TimescaleDb : StoragePath.Plain, result.Path);
        Assert.Equal(LocalPostgresCluster.OwnerRole, await SinkSchema.ScalarAsync<string>(db, "SELECT tableowner::text FROM pg_tables WHERE tablename = 'environment_readings'"));
    }

    [Fact]
    public async Task TimescaleLibraryCheck_RunsAsAnOrdinaryRole_AndSaysWhetherTheLibraryIsPreloaded()
    {
        // Asking shared_preload_libraries fails here with SQLSTATE 42501 for a role that is not a superuser.
        var db = Cluster.ConnectionString(await Cluster.CreateDatabaseAsync(LocalPostgresCluster.OwnerRole), user: LocalPostgresCluster.OwnerRole);
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        var loaded = await Migrator.TimescaleLibraryLoadedAsync(connection, TestContext.Current.CancellationToken);

        Assert.Equal(Cluster.TimescaleInstalled, loaded);
    }
}
