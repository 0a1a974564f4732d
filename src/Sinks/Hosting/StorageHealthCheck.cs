using Microsoft.Extensions.Diagnostics.HealthChecks;
using SensorStream.Storage.Maintenance;

namespace SensorStream.Sinks.Hosting;

/// <summary>
/// The database's upkeep on <c>/health</c>: Degraded (the sink still writes, HTTP 200) while storage maintenance fails or
/// a TimescaleDB job's last run failed, so a retention or compression job failing silently shows up in monitoring.
/// </summary>
internal sealed class StorageHealthCheck(DatabaseSink sink) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        StorageHealth health = sink.StorageHealth;
        var data = new Dictionary<string, object>
        {
            ["checked_at"] = health.CheckedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "never",
            ["failing_jobs"] = health.FailingJobs.Select(j => new { job_id = j.JobId, job = j.Job, table = j.Table, error = j.Error }).ToList(),
        };
        return Task.FromResult(health.Healthy
            ? HealthCheckResult.Healthy(health.Describe(), data)
            : HealthCheckResult.Degraded(health.Describe(), data: data));
    }
}
