using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using SensorStream.Contracts.Events;
using SensorStream.Sinks.Batching;
using SensorStream.Sinks.Writers;
using SensorStream.Storage;
using SensorStream.Storage.LocalDatabase;
using SensorStream.Storage.Migrations;

namespace SensorStream.Benchmarks;

/// <summary>
/// The sink's write path (a raw feed's batch copied straight into the table, falling back to a staging table and
/// <c>INSERT … ON CONFLICT</c> on a re-delivery; the batch's Kafka offsets in the same transaction) against raw Npgsql
/// binary COPY of the same rows into the same table, one transaction per batch either way, batch sizes swept
/// 10 … 100 000, on each storage path: plain PostgreSQL (range partitions) and TimescaleDB (a hypertable) where the
/// server has it. A private cluster by default, or any server with <c>--db</c>. Target ≥ 0.8 of raw.
/// </summary>
public sealed class SinksBenchmark : IConfigurableBenchmark
{
    private const int Rounds = 5;
    private static readonly int[] BatchSizes = [10, 100, 1_000, 10_000, 100_000];
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private string? _server;
    private StorageMode? _storage;

    public string Name => "sinks";

    public string Description => "Sink writes (direct COPY, or staging + upsert on re-delivery, + offsets, one transaction per batch) vs raw Npgsql binary COPY of the same environment readings into the same table, per storage path";

    public IReadOnlyList<(string Name, string Help)> Options =>
    [
        ("--storage", "Plain, TimescaleDb or Auto: the path(s) measured. Default Auto: plain, and TimescaleDB when the server has it."),
        ("--db", "Measure on this PostgreSQL (Npgsql connection string) instead of a private cluster; its role needs CREATEDB (a scratch database is created and dropped)."),
    ];

    public void Configure(IReadOnlyDictionary<string, string> options)
    {
        if (options.TryGetValue("--storage", out var storage))
        {
            _storage = Enum.TryParse<StorageMode>(storage, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                ? mode
                : throw new ArgumentException($"--storage '{storage}' is not Plain, TimescaleDb or Auto");
        }
        if (options.TryGetValue("--db", out var db))
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(db) { Pooling = true };
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new ArgumentException($"--db is not an Npgsql connection string: {e.Message}");
            }
            _server = db;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var loadBefore = LoadAverage();
        await using var cluster = _server is null ? await LocalPostgresCluster.StartAsync() : null;
        var server = _server ?? cluster!.ConnectionString(pooling: true);
        var timescale = await TimescaleAvailableAsync(server, cancellationToken);
        var paths = (_storage ?? StorageMode.Auto) switch
        {
            StorageMode.Plain => [StoragePath.Plain],
            StorageMode.TimescaleDb when !timescale => throw new InvalidOperationException("--storage TimescaleDb: this server has no timescaledb extension in shared_preload_libraries"),
            StorageMode.TimescaleDb => [StoragePath.TimescaleDb],
            _ => timescale ? new[] { StoragePath.Plain, StoragePath.TimescaleDb } : [StoragePath.Plain],
        };
        var where = _server is null ? $"a private PostgreSQL 15 cluster (fsync off, same for both sides){(cluster!.TimescaleInstalled ? " with TimescaleDB" : string.Empty)}" : $"the server of --db ({Describe(server)})";
        var version = await ScalarAsync<string>(server, "SELECT current_setting('server_version')", cancellationToken);
        var rows = new List<IReadOnlyList<object>>();
        var notes = new List<string>();
        foreach (var path in paths)
        {
            await using var scratch = await ScratchDatabase.CreateAsync(server, cancellationToken);
            await using var dataSource = NpgsqlDataSource.Create(scratch.ConnectionString);
            var migration = await new Migrator(dataSource, path == StoragePath.Plain ? StorageMode.Plain : StorageMode.TimescaleDb, NullLogger.Instance).MigrateAsync(cancellationToken);
            Console.WriteLine($"PostgreSQL {version}, storage path {migration.Path}, database {Describe(scratch.ConnectionString)}");
            if (migration.Path == StoragePath.Plain)
            {
                // Both sides write into existing partitions; the sink would otherwise create them inside its first timed batch.
                using var partitions = dataSource.CreateCommand("SELECT ensure_time_partitions('environment_readings', $1, $2)");
                partitions.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Start.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                partitions.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Start.AddDays(3).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                partitions.ExecuteNonQuery();
            }
            var checkpoint = true;
            foreach (var batchSize in BatchSizes)
            {
                var count = batchSize switch { 10 => 20_000, 100 => 100_000, _ => 300_000 };
                var readings = Readings(count);
                var raw = new List<double>();
                var sink = new List<double>();
                // Alternating rounds into a truncated table, so drift in the machine's load hits both sides alike.
                for (var round = 0; round < Rounds; round++)
                {
                    checkpoint = Truncate(dataSource, checkpoint);
                    raw.Add(RawCopy(dataSource, readings, batchSize));
                    checkpoint = Truncate(dataSource, checkpoint);
                    sink.Add(SinkWrite(dataSource, migration.Path, readings, batchSize));
                    var stored = Count(dataSource);
                    if (stored != count)
                    {
                        throw new InvalidOperationException($"the sink stored {stored} of {count} rows");
                    }
                }
                var ratios = raw.Zip(sink, (r, s) => r / s).ToList();
                // The slowest round (longest time) gives the lowest rate.
                rows.Add([migration.Path.ToString(), batchSize, count,
                    Rate(count, raw.Max()), Rate(count, Median(raw)), Rate(count, raw.Min()),
                    Rate(count, sink.Max()), Rate(count, Median(sink)), Rate(count, sink.Min()),
                    Math.Round(ratios.Min(), 3), Math.Round(Median(ratios), 3), Math.Round(ratios.Max(), 3), "≥ 0.8"]);
                Console.WriteLine($"{migration.Path,-11} batch {batchSize,7:N0}: raw COPY {Rate(count, Median(raw)),9:N0} rows/s, sink {Rate(count, Median(sink)),9:N0} rows/s, " +
                    $"{Median(ratios):0.00} of raw (min {ratios.Min():0.00}, max {ratios.Max():0.00})");
            }
            if (!checkpoint)
            {
                notes.Add($"{migration.Path}: CHECKPOINT between rounds was not permitted to this role, so rounds may carry the previous round's dirty pages");
            }
        }
        if (!paths.Contains(StoragePath.TimescaleDb))
        {
            notes.Add("TimescaleDB path not measured: the server has no timescaledb extension (TimescaleDB is not packaged for Debian, so the private cluster here lacks it); " +
                "where it is installed, `./sensorstream bench sinks` measures both paths, or `--storage TimescaleDb --db \"Host=…;Username=…\"` one server's");
        }
        var loadAfter = LoadAverage();
        notes.InsertRange(0,
        [
            $"table environment_readings (6 columns, primary key sensor_id + event_time) on {where}, PostgreSQL {version}; rows of 2 400 sensors, one reading each every 10 s from {Start:yyyy-MM-dd}",
            "Plain: a daily range partition; TimescaleDb: a hypertable with 1-day chunks (compression and retention policies present, not running during the timed writes)",
            "raw: NpgsqlBinaryImporter COPY straight into the table, one transaction per batch",
            "sink: SinkDatabase.Write as the sink runs it, one transaction per batch: a raw feed's batch is copied straight into the table under a savepoint (a batch holding an already stored row — a re-delivery — is undone and merged from a staging table with INSERT … ON CONFLICT DO NOTHING instead), the batch's offsets upserted into sink_offsets in the same round trip, partitions ensured for the batch's times on the plain path",
            $"{Rounds} rounds per batch size, raw and sink alternating, each into a truncated table; rows/s of the slowest, the median and the fastest round; ratio_to_raw per round (raw time / sink time of the same round) as min/median/max",
            $"machine load (1/5/15 min load average) before: {loadBefore}, after: {loadAfter}; {Environment.ProcessorCount} CPUs shared with whatever else ran",
        ]);
        var (json, markdown) = BenchmarkResults.Write(Name, Description,
            ["storage", "batch_rows", "rows", "raw_rows_per_s_min", "raw_rows_per_s_median", "raw_rows_per_s_max",
             "sink_rows_per_s_min", "sink_rows_per_s_median", "sink_rows_per_s_max", "ratio_to_raw_min", "ratio_to_raw_median", "ratio_to_raw_max", "target"],
            rows, notes);
        Console.WriteLine($"results: {json}, {markdown}");
    }

    private static double Rate(int count, double seconds) => Math.Round(count / seconds);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static async Task<bool> TimescaleAvailableAsync(string server, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(cancellationToken);
        return await Migrator.TimescaleAvailableAsync(connection, cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
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

    private static double SinkWrite(NpgsqlDataSource dataSource, StoragePath path, List<EnvironmentReading> readings, int batchSize)
    {
        var writer = new EnvironmentReadingWriter();
        // Partitions exist only on the plain path; TimescaleDB creates chunks itself (there is no ensure_time_partitions).
        using var database = new SinkDatabase(dataSource, path == StoragePath.Plain ? new TimePartitions() : null, "bench-sink");
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

    /// <summary>Empties the table (and the offsets) and checkpoints when allowed; returns whether checkpointing is allowed.</summary>
    private static bool Truncate(NpgsqlDataSource dataSource, bool checkpoint)
    {
        using (var command = dataSource.CreateCommand("TRUNCATE environment_readings; TRUNCATE sink_offsets"))
        {
            command.ExecuteNonQuery();
        }
        if (!checkpoint)
        {
            return false;
        }
        try
        {
            using var command = dataSource.CreateCommand("CHECKPOINT");
            command.ExecuteNonQuery();
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return false;
        }
    }

    private static long Count(NpgsqlDataSource dataSource)
    {
        using var command = dataSource.CreateCommand("SELECT count(*) FROM environment_readings");
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A database of its own on the server, dropped afterwards, so a benchmark never touches anyone's tables.</summary>
    private sealed class ScratchDatabase(string server, string name) : IAsyncDisposable
    {
        public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;

        public static async Task<ScratchDatabase> CreateAsync(string server, CancellationToken cancellationToken)
        {
            var name = "sensorstream_bench_" + Guid.NewGuid().ToString("N")[..12];
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new InvalidOperationException($"the benchmark creates a scratch database, which this role may not (CREATEDB): {e.MessageText}", e);
            }
            return new ScratchDatabase(server, name);
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
