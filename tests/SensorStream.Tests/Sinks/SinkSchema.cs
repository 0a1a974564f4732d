using SensorStream.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SensorStream.Sinks.Batching;
using SensorStream.Storage.LocalDatabase;
using SensorStream.Storage.Migrations;
using SensorStream.Sinks.Writers;

namespace SensorStream.Tests.Sinks;

/// <summary>Fresh migrated databases on a test cluster, batch writing as the sink does it, and small query helpers.</summary>
internal static class SinkSchema
{
    public const string TimescaleSkipReason =
        "the timescaledb extension is not installed on this PostgreSQL 15 (not in pg_available_extensions, and Debian does not package it), " +
        "so the TimescaleDB storage path was not exercised; install TimescaleDB for PostgreSQL 15 to run this test";

    /// <summary>The path a forced storage mode gives (test theories take the public mode).</summary>
    public static StoragePath PathOf(StorageMode mode) => mode == StorageMode.TimescaleDb ? StoragePath.TimescaleDb : StoragePath.Plain;

    /// <summary>Skips the calling test, saying why, when <paramref name="path"/> is TimescaleDB and the cluster does not have it.</summary>
    public static void SkipUnlessAvailable(LocalPostgresCluster cluster, StoragePath path)
    {
        if (path == StoragePath.TimescaleDb && !cluster.TimescaleInstalled)
        {
            Assert.Skip(TimescaleSkipReason);
        }
    }

    /// <summary>Creates a database, migrates it on <paramref name="path"/>, and returns its connection string.</summary>
    public static async Task<string> MigratedAsync(LocalPostgresCluster cluster, StoragePath path)
    {
        SkipUnlessAvailable(cluster, path);
        var connectionString = cluster.ConnectionString(await cluster.CreateDatabaseAsync());
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var mode = path == StoragePath.TimescaleDb ? StorageMode.TimescaleDb : StorageMode.Plain;
        var result = await new Migrator(dataSource, mode, NullLogger.Instance).MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(path, result.Path);
        return connectionString;
    }

    /// <summary>Writes <paramref name="batches"/> in one transaction the way the sink does (partitions ensured first on the plain path).</summary>
    public static void Write(string connectionString, StoragePath path, IReadOnlyList<ITableBatch> batches, IReadOnlyList<PartitionOffset>? offsets = null)
    {
        using var dataSource = NpgsqlDataSource.Create(connectionString);
        using var database = new SinkDatabase(dataSource, path == StoragePath.Plain ? new TimePartitions() : null, "test-sink");
        database.Write(batches, offsets ?? []);
    }

    /// <summary>A batch of <paramref name="rows"/> for <paramref name="writer"/>, as the sink collects it.</summary>
    public static TableBatch<T> Batch<T>(TableWriter<T> writer, IEnumerable<T> rows)
    {
        var batch = new TableBatch<T>(writer);
        foreach (var row in rows)
        {
            batch.Add(row);
        }
        return batch;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is DBNull ? default! : (T)value!;
    }

    public static async Task<long> CountAsync(string connectionString, string table) =>
        await ScalarAsync<long>(connectionString, $"SELECT count(*) FROM {table}");

    /// <summary>Every row of <paramref name="sql"/> as an array of column values.</summary>
    public static async Task<List<object?[]>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }
}
