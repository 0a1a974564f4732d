using SensorStream.Storage;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using SensorStream.Contracts.Events;
using SensorStream.Sinks.Batching;
using SensorStream.Storage.LocalDatabase;
using SensorStream.Storage.Migrations;
using SensorStream.Sinks.Writers;

namespace SensorStream.Benchmarks;

/// <summary>
/// The sink's write path (a raw feed's batch copied straight into the table, falling back to a staging table and
/// <c>INSERT … ON CONFLICT</c> on a re-delivery; the batch's Kafka offsets in the same transaction) against raw Npgsql binary COPY of the same rows into the same
/// table, one transaction per batch either way, batch sizes swept 10 … 100 000. Target ≥ 0.8 of raw.
/// </summary>
public sealed class SinksBenchmark : IBenchmark
{
    private static readonly int[] BatchSizes = [10, 100, 1_000, 10_000, 100_000];
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public string Name => "sinks";

    public string Description => "Sink writes (direct COPY, or staging + upsert on re-delivery, + offsets, one transaction per batch) vs raw Npgsql binary COPY of the same environment readings into the same partitioned table";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var cluster = await LocalPostgresCluster.StartAsync();
        var database = await cluster.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString(database, pooling: true));
        var migration = await new Migrator(dataSource, StorageMode.Auto, NullLogger.Instance).MigrateAsync(cancellationToken);
        Console.WriteLine($"PostgreSQL 15 on port {cluster.Port}, storage path {migration.Path}");
        if (migration.Path == StoragePath.Plain)
        {
            // Both sides write into existing partitions; the sink would otherwise create them inside its first timed batch.
            using var partitions = dataSource.CreateCommand("SELECT ensure_time_partitions('environment_readings', $1, $2)");
            partitions.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Start.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            partitions.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Start.AddDays(3).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            partitions.ExecuteNonQuery();
        }
        var rows = new List<IReadOnlyList<object>>();
        foreach (var batchSize in BatchSizes)
        {
            var count = batchSize switch { 10 => 20_000, 100 => 100_000, _ => 300_000 };
            var readings = Readings(count);
            double raw = double.MaxValue, sink = double.MaxValue;
            // Best of two alternating rounds: the first run of a size also warms the partitions' caches.
            for (var round = 0; round < 2; round++)
            {
                Truncate(dataSource);
                raw = Math.Min(raw, RawCopy(dataSource, readings, batchSize));
                Truncate(dataSource);
                sink = Math.Min(sink, SinkWrite(dataSource, readings, batchSize));
            }
            var stored = Count(dataSource);
            if (stored != count)
            {
                throw new InvalidOperationException($"the sink stored {stored} of {count} rows");
            }
            rows.Add([batchSize, count, Math.Round(count / raw), Math.Round(count / sink), Math.Round(raw / sink, 3), "≥ 0.8"]);
            Console.WriteLine($"batch {batchSize,7:N0}: raw COPY {count / raw,9:N0} rows/s, sink {count / sink,9:N0} rows/s, {raw / sink:0.00} of raw");
        }
        var (json, markdown) = BenchmarkResults.Write(Name, Description,
            ["batch_rows", "rows", "raw_copy_rows_per_s", "sink_rows_per_s", "ratio_to_raw", "target"],
            rows,
            [
                $"table environment_readings (6 columns, primary key sensor_id + event_time), storage path {migration.Path}; rows of 2 400 sensors, one reading each every 10 s from {Start:yyyy-MM-dd}",
                "raw: NpgsqlBinaryImporter COPY straight into the table, one transaction per batch",
                "sink: SinkDatabase.Write as the sink runs it, one transaction per batch: a raw feed's batch is copied straight into the table under a savepoint (a batch holding an already stored row — a re-delivery — is undone and merged from a staging table with INSERT … ON CONFLICT DO NOTHING instead; derived tables always take that path), the batch's offsets upserted into sink_offsets in the same round trip, partitions ensured for the batch's times",
                "each figure is the better of two alternating rounds into a truncated table; the private cluster runs with fsync off (same for both sides)",
            ]);
        Console.WriteLine($"results: {json}, {markdown}");
    }

    private static List<EnvironmentReading> Readings(int count)
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var sensor = i % 2_400;
            var temperature = 18 + (random.NextDouble() * 10);
            return new EnvironmentReading($"F{1 + (sensor / 1_200)}-B1-1F-L{sensor / 2 % 600:000}-A{1 + (sensor % 2)}", $"F{1 + (sensor / 1_200)}-B1-1F-L{sensor / 2 % 600:000}",
                Start.AddSeconds(10 * (i / 2_400)), temperature, 30 + (random.NextDouble() * 40), temperature + 0.5);
        })];
    }

    private static double RawCopy(NpgsqlDataSource dataSource, List<EnvironmentReading> readings, int batchSize)
    {
        using var connection = dataSource.OpenConnection();
        var stopwatch = Stopwatch.StartNew();
        for (var first = 0; first < readings.Count; first += batchSize)
        {
            using var transaction = connection.BeginTransaction();
            using (var importer = connection.BeginBinaryImport(
                "COPY environment_readings (sensor_id, loc_id, event_time, temperature_c, humidity_pct, perceived_temperature_c) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var reading in readings.Skip(first).Take(batchSize))
                {
                    importer.StartRow();
                    importer.Write(reading.SensorId, NpgsqlDbType.Text);
                    importer.Write(reading.LocId, NpgsqlDbType.Text);
                    importer.Write(reading.EventTime.UtcDateTime, NpgsqlDbType.TimestampTz);
                    importer.Write(reading.TemperatureC, NpgsqlDbType.Double);
                    importer.Write(reading.HumidityPct, NpgsqlDbType.Double);
                    importer.Write(reading.PerceivedTemperatureC!.Value, NpgsqlDbType.Double);
                }
                importer.Complete();
            }
            transaction.Commit();
        }
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static double SinkWrite(NpgsqlDataSource dataSource, List<EnvironmentReading> readings, int batchSize)
    {
        var writer = new EnvironmentReadingWriter();
        using var database = new SinkDatabase(dataSource, new TimePartitions(), "bench-sink");
        var stopwatch = Stopwatch.StartNew();
        for (var first = 0; first < readings.Count; first += batchSize)
        {
            var batch = new TableBatch<EnvironmentReading>(writer);
            foreach (var reading in readings.Skip(first).Take(batchSize))
            {
                batch.Add(reading);
            }
            database.Write([batch], [new PartitionOffset(Contracts.Topics.SensorsEnvironment, 0, first + batchSize)]);
        }
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static void Truncate(NpgsqlDataSource dataSource)
    {
        using var command = dataSource.CreateCommand("TRUNCATE environment_readings; TRUNCATE sink_offsets; CHECKPOINT");
        command.ExecuteNonQuery();
    }

    private static long Count(NpgsqlDataSource dataSource)
    {
        using var command = dataSource.CreateCommand("SELECT count(*) FROM environment_readings");
        return (long)command.ExecuteScalar()!;
    }
}
