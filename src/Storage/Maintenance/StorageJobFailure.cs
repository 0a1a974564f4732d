namespace SensorStream.Storage.Maintenance;

/// <summary>A TimescaleDB background job whose last run failed (from <c>timescaledb_information.job_stats</c>).</summary>
/// <param name="JobId">The job's id (<c>CALL run_job(id)</c> runs it by hand).</param>
/// <param name="Job">What it does: its procedure, e.g. <c>policy_retention</c>, <c>policy_compression</c>, <c>policy_refresh_continuous_aggregate</c>.</param>
/// <param name="Table">The hypertable it works on (a continuous aggregate's materialization table for refreshes).</param>
/// <param name="Failures">Failed runs so far.</param>
/// <param name="Runs">Runs so far.</param>
/// <param name="LastSuccess">When a run last succeeded, or null if none has.</param>
/// <param name="Error">The last failure's message, when TimescaleDB records it (<c>job_errors</c>, 2.12 and later).</param>
public sealed record StorageJobFailure(int JobId, string Job, string Table, long Failures, long Runs, DateTimeOffset? LastSuccess, string? Error);
