using SensorStream.Storage;
using SensorStream.Storage.Maintenance;
using Npgsql;
using ContractTopics = SensorStream.Contracts.Topics;

namespace SensorStream.Sinks;

/// <summary>Settings of <c>sensorstream sink</c> (configuration section <c>Sinks</c>). Every default works on the embedded stack with a local PostgreSQL.</summary>
public sealed class SinkOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Sinks";

    /// <summary>The topics a sink can write, each to its table(s).</summary>
    public static IReadOnlyList<string> KnownTopics { get; } =
    [
        ContractTopics.SensorsVibration, ContractTopics.SensorsEnvironment, ContractTopics.TripsRecords, ContractTopics.MetricsWindows, ContractTopics.StatusChanges,
        ContractTopics.DiagnosesVibration, ContractTopics.Anomalies, ContractTopics.DeadLetters, ContractTopics.ConfigThresholds,
    ];

    /// <summary>Npgsql connection string of the target database. Default <c>Host=127.0.0.1;Port=5432;Username=postgres;Database=sensorstream</c>.</summary>
    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5432;Username=postgres;Database=sensorstream";

    /// <summary>Kafka consumer group; instances with the same group share the partitions. Default <c>sensorstream-sinks</c>.</summary>
    public string GroupId { get; set; } = "sensorstream-sinks";

    /// <summary>Topics to write (any of <see cref="KnownTopics"/>). Default: all nine.</summary>
    public List<string> Topics { get; set; } = [.. KnownTopics];

    /// <summary>Records per database transaction at most: a batch is written when it holds this many. Default 5 000.</summary>
    public int MaxBatchRecords { get; set; } = 5_000;

    /// <summary>How long the first record of a batch waits for more before the batch is written anyway. Default 1 s.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait after a failed write while the database is unreachable; doubles per attempt. Default 500 ms.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between write attempts while the database is unreachable. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Storage path for a new database: <see cref="StorageMode.Auto"/> (TimescaleDB when available), Plain or TimescaleDb. Default Auto.</summary>
    public StorageMode Storage { get; set; } = StorageMode.Auto;

    /// <summary>Plain path: how far ahead of now partitions are kept created. Default 7 days.</summary>
    public TimeSpan PartitionLookahead { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Plain path: how often partitions ahead are created. Default 1 h.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Least score (0..1) at which a trip entry finding on <c>anomalies</c> is applied as a correction. Default 0.9.</summary>
    public double AcceptCorrectionScore { get; set; } = 0.9;

    /// <summary>A locations CSV seeding the <c>locations</c> table instead of the built-in tree, or null.</summary>
    public string? LocationsFile { get; set; }

    /// <summary>Machines seeded into <c>machines</c> at start (others are added when their first block arrives). Default g1…g5.</summary>
    public List<string> Machines { get; set; } = ["g1", "g2", "g3", "g4", "g5"];

    /// <summary>How long each time-series table keeps its rows, on both storage paths (see <see cref="RetentionOptions"/>). Default: raw vibration 90 days, raw environment 400 days, derived tables kept.</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>Consumer session timeout (how long a silent instance keeps its partitions). Default 10 s.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks values the binder cannot; returns the problems.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                problems.Add("Sinks: ConnectionString names no Host");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            problems.Add($"Sinks: ConnectionString is not a valid Npgsql connection string: {e.Message}");
        }
        if (string.IsNullOrWhiteSpace(GroupId))
        {
            problems.Add("Sinks: GroupId is empty");
        }
        if (Topics.Count == 0)
        {
            problems.Add("Sinks: Topics names no topic");
        }
        problems.AddRange(Topics.Where(t => !KnownTopics.Contains(t, StringComparer.Ordinal))
            .Select(t => $"Sinks: Topics: unknown topic '{t}' (known: {string.Join(", ", KnownTopics)})"));
        if (MaxBatchRecords is < 1 or > 1_000_000)
        {
            problems.Add("Sinks: MaxBatchRecords must be between 1 and 1000000");
        }
        if (MaxBatchDelay <= TimeSpan.Zero)
        {
            problems.Add("Sinks: MaxBatchDelay must be positive");
        }
        if (RetryInitialDelay <= TimeSpan.Zero || RetryMaxDelay < RetryInitialDelay)
        {
            problems.Add("Sinks: RetryInitialDelay must be positive and RetryMaxDelay at least as long");
        }
        if (PartitionLookahead < TimeSpan.Zero || PartitionLookahead > TimeSpan.FromDays(366))
        {
            problems.Add("Sinks: PartitionLookahead must be between 0 and 366 days");
        }
        if (MaintenanceInterval <= TimeSpan.Zero)
        {
            problems.Add("Sinks: MaintenanceInterval must be positive");
        }
        if (AcceptCorrectionScore is < 0 or > 1 || double.IsNaN(AcceptCorrectionScore))
        {
            problems.Add("Sinks: AcceptCorrectionScore must be between 0 and 1");
        }
        problems.AddRange(Retention.Validate());
        if (SessionTimeout < TimeSpan.FromSeconds(1))
        {
            problems.Add("Sinks: SessionTimeout must be at least 1 s");
        }
        return problems;
    }
}
