using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using SensorStream.Storage.Migrations;

namespace SensorStream.Storage.Maintenance;

/// <summary>
/// The database's upkeep that depends on settings, run by the sink at start and every maintenance interval on its own
/// connection: retention (<c>apply_retention</c> of migration 5 — dropped partitions on plain PostgreSQL, matching
/// policies on TimescaleDB) and, on TimescaleDB, a look at the background jobs, since a failing retention,
/// compression or refresh job is otherwise silent (<c>timescaledb_information.job_stats</c>).
/// </summary>
internal sealed partial class StorageMaintenance(StoragePath path, RetentionOptions retention, StorageHealth? health, ILogger logger)
{
    private const string FailingJobsSql = """
        SELECT s.job_id, j.proc_name::text, coalesce(s.hypertable_name::text, ''), s.total_failures, s.total_runs,
               CASE WHEN isfinite(s.last_successful_finish) THEN s.last_successful_finish END,
               {0} AS error
        FROM timescaledb_information.job_stats s
        JOIN timescaledb_information.jobs j ON j.job_id = s.job_id
        WHERE s.last_run_status = 'Failed'
        ORDER BY s.job_id
        """;

    private const string LastErrorSql = """
        (SELECT e.err_message FROM timescaledb_information.job_errors e WHERE e.job_id = s.job_id ORDER BY e.start_time DESC LIMIT 1)
        """;

    private readonly HashSet<int> _reportedJobs = [];

    /// <summary>The storage path maintained.</summary>
    public StoragePath Path => path;

    /// <summary>
    /// One maintenance pass: partitions ahead (plain path), retention, failing jobs (TimescaleDB). The outcome is
    /// recorded in the health state, a failure too (and then rethrown for the caller to log and retry).
    /// </summary>
    public StorageMaintenanceReport Run(NpgsqlConnection connection, TimePartitions? partitions, DateTime now, TimeSpan lookahead)
    {
        try
        {
            var created = partitions?.EnsureAhead(connection, now, lookahead) ?? 0;
            var retained = ApplyRetention(connection);
            if (retained > 0 && path == StoragePath.Plain)
            {
                // Dropped partitions may be among those the writer remembers as present.
                partitions?.Forget();
            }
            var report = new StorageMaintenanceReport(created, retained, FailingJobs(connection));
            health?.Record(report, DateTimeOffset.UtcNow);
            return report;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            health?.RecordFailure(e.Message, DateTimeOffset.UtcNow);
            throw;
        }
    }

    /// <summary>Applies every table's retention; returns partitions dropped (plain) or policies changed (TimescaleDB).</summary>
    public int ApplyRetention(NpgsqlConnection connection)
    {
        var changes = 0;
        foreach (var (table, keep) in retention.Tables)
        {
            using var command = new NpgsqlCommand("SELECT apply_retention($1, $2)", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
            command.Parameters.Add(new NpgsqlParameter { Value = keep is { } k ? k : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Interval });
            var changed = (int)command.ExecuteScalar()!;
            if (changed > 0)
            {
                if (path == StoragePath.Plain)
                {
                    LogPartitionsDropped(logger, changed, table, keep!.Value.TotalDays);
                }
                else
                {
                    LogPolicyChanged(logger, table, keep is { } days ? $"{days.TotalDays:0.##} days" : "kept for good");
                }
            }
            changes += changed;
        }
        return changes;
    }

    /// <summary>TimescaleDB jobs whose last run failed (each logged as a warning until it succeeds again); none on the plain path.</summary>
    public IReadOnlyList<StorageJobFailure> FailingJobs(NpgsqlConnection connection)
    {
        if (path != StoragePath.TimescaleDb)
        {
            return [];
        }
        bool hasErrorView;
        using (var probe = new NpgsqlCommand("SELECT to_regclass('timescaledb_information.job_errors') IS NOT NULL", connection))
        {
            hasErrorView = (bool)probe.ExecuteScalar()!;
        }
        using var command = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, FailingJobsSql, hasErrorView ? LastErrorSql : "NULL::text"), connection);
        using var reader = command.ExecuteReader();
        var failing = new List<StorageJobFailure>();
        while (reader.Read())
        {
            failing.Add(new StorageJobFailure(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        foreach (var job in failing)
        {
            LogJobFailing(logger, job.JobId, job.Job, job.Table, job.Failures, job.Runs, job.LastSuccess?.ToString("O") ?? "never", job.Error ?? "(no message recorded)");
        }
        foreach (var recovered in _reportedJobs.Where(id => failing.All(f => f.JobId != id)).ToList())
        {
            LogJobRecovered(logger, recovered);
            _reportedJobs.Remove(recovered);
        }
        _reportedJobs.UnionWith(failing.Select(f => f.JobId));
        return failing;
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Retention: dropped {Count} partition(s) of {Table} older than {Days} days")]
    private static partial void LogPartitionsDropped(ILogger logger, int count, string table, double days);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Retention: {Table} now keeps rows {Keep} (TimescaleDB policies updated)")]
    private static partial void LogPolicyChanged(ILogger logger, string table, string keep);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "TimescaleDB job {JobId} ({Job} on {Table}) failed its last run ({Failures} of {Runs} runs failed, last success {LastSuccess}): {Error}. " +
        "Run it by hand with CALL run_job({JobId}); see the README (TimescaleDB jobs) for known causes")]
    private static partial void LogJobFailing(ILogger logger, int jobId, string job, string table, long failures, long runs, string lastSuccess, string error);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Information, Message = "TimescaleDB job {JobId} succeeded again")]
    private static partial void LogJobRecovered(ILogger logger, int jobId);
}
