using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Npgsql;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.Locations;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.Sinks.Batching;
using SensorStream.Sinks.Hosting;
using SensorStream.Storage.Maintenance;
using SensorStream.Storage.Migrations;

namespace SensorStream.Sinks;

/// <summary>
/// Everything <c>sensorstream sink</c> runs: migrations and reference data at start, then one consumer group writing
/// the raw and derived topics to PostgreSQL (TimescaleDB when available) in idempotent batches. Several instances with
/// the same <see cref="SinkOptions.GroupId"/> split the partitions between them.
/// </summary>
public sealed partial class DatabaseSink : IDisposable
{
    private readonly KafkaOptions _kafka;
    private readonly SinkOptions _options;
    private readonly ILogger _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ISchemaRegistryClient _registry;
    private readonly bool _ownsRegistry;
    private readonly LocationTree _tree;
    private readonly SinkCounters _counters;
    private readonly Lock _progressLock = new();
    private Dictionary<string, long> _lastRows = new(StringComparer.Ordinal);
    private long _lastProgress = Stopwatch.GetTimestamp();

    /// <summary>Prepares the sink; nothing connects until <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message lists the problems).</exception>
    public DatabaseSink(KafkaOptions kafka, SinkOptions options, ILoggerFactory loggers, Meter meter)
        : this(kafka, options, KafkaServiceCollectionExtensions.CreateRegistryClient(kafka), loggers, meter, ownsRegistry: true)
    {
    }

    /// <summary>Prepares the sink over a shared registry client (not disposed with it).</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message lists the problems).</exception>
    public DatabaseSink(KafkaOptions kafka, SinkOptions options, ISchemaRegistryClient registry, ILoggerFactory loggers, Meter meter)
        : this(kafka, options, registry, loggers, meter, ownsRegistry: false)
    {
    }

    private DatabaseSink(KafkaOptions kafka, SinkOptions options, ISchemaRegistryClient registry, ILoggerFactory loggers, Meter meter, bool ownsRegistry)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }
        _kafka = kafka;
        _options = options;
        _logger = loggers.CreateLogger("SensorStream.Sinks");
        _tree = options.LocationsFile is { } file ? LocationTree.Load(file) : LocationTree.Default;
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrEmpty(connection.ApplicationName))
        {
            connection.ApplicationName = "sensorstream-sink";
        }
        if (string.IsNullOrEmpty(connection.Options))
        {
            // Staging tables live in temp buffers (8 MB by default); a large batch that spills them goes to disk and
            // is read back by the merge. Allocated only as used, and only the sink's own sessions get it.
            connection.Options = "-c temp_buffers=64MB";
        }
        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        _registry = registry;
        _ownsRegistry = ownsRegistry;
        _counters = new SinkCounters(meter);
        StorageHealth = new StorageHealth(meter);
    }

    /// <summary>The database's upkeep (retention, partitions, TimescaleDB jobs) as last checked, for <c>/health</c>.</summary>
    public StorageHealth StorageHealth { get; }

    /// <summary>The storage path in use, once <see cref="RunAsync"/> has migrated the database.</summary>
    internal StoragePath? Path { get; private set; }

    internal SinkCounters Counters => _counters;

    /// <summary>
    /// Migrates the database, seeds reference tables, creates partitions ahead (plain path) and missing topics, then
    /// writes until cancelled.
    /// </summary>
    /// <exception cref="SinkFailedException">The database cannot be reached or migrated at start, or writing failed for good.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var where = Describe(new NpgsqlConnectionStringBuilder(_options.ConnectionString));
        using var database = await PrepareAsync(where, cancellationToken).ConfigureAwait(false);
        await TopicBootstrapper.EnsureAsync(_kafka, _options.Topics).ConfigureAwait(false);
        var tables = new SinkTables(_registry, _options.AcceptCorrectionScore);
        tables.Vibration.KnowMachines(_options.Machines);
        var retry = new TransientRetry(new RetryOptions { InitialDelay = _options.RetryInitialDelay, MaxDelay = _options.RetryMaxDelay }, _logger, "sink");
        var deadLetters = new DeadLetterRouter(_registry, _options.GroupId, TimeProvider.System, _logger);
        // Routing a dead letter must never wait on the registry mid-batch.
        await retry.ExecuteAsync<int>(deadLetters.WarmUpAsync, cancellationToken).ConfigureAwait(false);
        var host = new SinkHost(_kafka, _options, tables, database, deadLetters, retry, _counters, _logger, TimeProvider.System);
        LogStarted(_logger, where, Path!.Value, string.Join(", ", _options.Topics), _options.GroupId);
        await Task.Factory.StartNew(() => host.Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .ConfigureAwait(false);
    }

    /// <summary>Migrates, seeds the reference tables and creates partitions ahead (plain path); any database failure here is reported with where the database is.</summary>
    private async Task<SinkDatabase> PrepareAsync(string where, CancellationToken cancellationToken)
    {
        try
        {
            var migration = await new Migrator(_dataSource, _options.Storage, _logger).MigrateAsync(cancellationToken).ConfigureAwait(false);
            await ReferenceData.SeedAsync(_dataSource, _tree, _options.Machines, cancellationToken).ConfigureAwait(false);
            var partitions = migration.Path == StoragePath.Plain ? new TimePartitions() : null;
            var maintenance = new StorageMaintenance(migration.Path, _options.Retention, StorageHealth, _logger);
            var database = new SinkDatabase(_dataSource, partitions, _options.GroupId, maintenance);
            try
            {
                // Retention applies from the start on both paths; the plain path also gets its partitions ahead.
                var report = database.Maintain(DateTime.UtcNow, _options.PartitionLookahead);
                if (partitions is not null)
                {
                    LogPlainPartitions(_logger, report.PartitionsCreated, _options.PartitionLookahead.TotalDays);
                }
            }
            catch
            {
                database.Dispose();
                throw;
            }
            Path = migration.Path;
            return database;
        }
        catch (MigrationException e)
        {
            throw new SinkFailedException($"{where}: {e.Message}", e);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
        {
            throw new SinkFailedException($"cannot prepare the database at {where}: {DatabaseErrors.Describe(e)}", e);
        }
    }

    /// <summary>One line of progress: rows per second per table since the previous call, totals, dead letters and retries.</summary>
    public string Progress()
    {
        lock (_progressLock)
        {
            var now = Stopwatch.GetTimestamp();
            var seconds = Math.Max(0.001, Stopwatch.GetElapsedTime(_lastProgress, now).TotalSeconds);
            var rows = _counters.RowsByTable.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
            var tables = rows.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => FormattableString.Invariant($"{r.Key} {(r.Value - _lastRows.GetValueOrDefault(r.Key)) / seconds:N0}/s ({r.Value:N0})"));
            var line = string.Join(" | ", tables.DefaultIfEmpty("no rows yet")) +
                FormattableString.Invariant($" | {_counters.DeadLetters:N0} dead letters, {_counters.Retries:N0} retries, {_counters.Batches:N0} batches");
            _lastRows = rows;
            _lastProgress = now;
            return line;
        }
    }

    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}";

    /// <summary>Releases the data source and the registry client.</summary>
    public void Dispose()
    {
        _dataSource.Dispose();
        if (_ownsRegistry && _registry is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Sink writing to {Database} ({Path} path) from {Topics} as group {Group}")]
    private static partial void LogStarted(ILogger logger, string database, StoragePath path, string topics, string group);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Plain PostgreSQL path: native range partitions, {Created} created now, kept {Days} days ahead")]
    private static partial void LogPlainPartitions(ILogger logger, int created, double days);
}
