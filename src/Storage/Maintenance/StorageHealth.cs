using System.Diagnostics.Metrics;

namespace SensorStream.Storage.Maintenance;

/// <summary>
/// The database's upkeep as the sink last saw it, for <c>/health</c> and metrics: when maintenance last ran, whether it
/// failed, and which TimescaleDB jobs are failing. Thread-safe: written by the sink's loop, read by HTTP handlers.
/// </summary>
public sealed class StorageHealth
{
    private readonly Lock _lock = new();
    private StorageMaintenanceReport? _last;
    private DateTimeOffset? _checkedAt;
    private string? _error;

    /// <summary>Publishes <c>sensorstream.sink.storage_jobs_failing</c> (TimescaleDB jobs whose last run failed) and <c>sensorstream.sink.storage_maintenance_failing</c> (1 while maintenance itself fails).</summary>
    public StorageHealth(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.CreateObservableGauge("sensorstream.sink.storage_jobs_failing", () => FailingJobs.Count, "{job}",
            "TimescaleDB background jobs (retention, compression, continuous aggregate refresh) whose last run failed.");
        meter.CreateObservableGauge("sensorstream.sink.storage_maintenance_failing", () => Error is null ? 0 : 1, "{state}",
            "1 while the sink's storage maintenance (partitions ahead, retention, job checks) fails.");
    }

    /// <summary>When maintenance last ran (successfully or not), or null before the first run.</summary>
    public DateTimeOffset? CheckedAt
    {
        get
        {
            lock (_lock)
            {
                return _checkedAt;
            }
        }
    }

    /// <summary>Why the last maintenance run failed, or null.</summary>
    public string? Error
    {
        get
        {
            lock (_lock)
            {
                return _error;
            }
        }
    }

    /// <summary>TimescaleDB jobs whose last run failed, as of the last successful maintenance run.</summary>
    public IReadOnlyList<StorageJobFailure> FailingJobs
    {
        get
        {
            lock (_lock)
            {
                return _last?.FailingJobs ?? [];
            }
        }
    }

    /// <summary>Whether maintenance runs and no job is failing.</summary>
    public bool Healthy => Error is null && FailingJobs.Count == 0;

    /// <summary>Records a maintenance run.</summary>
    public void Record(StorageMaintenanceReport report, DateTimeOffset at)
    {
        lock (_lock)
        {
            _last = report;
            _checkedAt = at;
            _error = null;
        }
    }

    /// <summary>Records a failed maintenance run (the previous report's jobs stay).</summary>
    public void RecordFailure(string error, DateTimeOffset at)
    {
        lock (_lock)
        {
            _checkedAt = at;
            _error = error;
        }
    }

    /// <summary>One line for a health endpoint or a log.</summary>
    public string Describe()
    {
        lock (_lock)
        {
            if (_checkedAt is null)
            {
                return "storage maintenance has not run yet";
            }
            if (_error is not null)
            {
                return $"storage maintenance failing since {_checkedAt:O}: {_error}";
            }
            var failing = _last?.FailingJobs ?? [];
            return failing.Count == 0
                ? $"storage maintenance ok at {_checkedAt:O}"
                : $"{failing.Count} TimescaleDB job(s) failing: " + string.Join("; ", failing.Select(j => $"job {j.JobId} {j.Job} on {j.Table}: {j.Error ?? "no message"}"));
        }
    }
}
