namespace SensorStream.Storage.Maintenance;

/// <summary>What one maintenance pass did and found.</summary>
/// <param name="PartitionsCreated">Plain path: partitions created ahead.</param>
/// <param name="RetentionChanges">Plain path: partitions dropped for retention; TimescaleDB: retention or refresh policies changed to match the settings.</param>
/// <param name="FailingJobs">TimescaleDB jobs whose last run failed (none on the plain path).</param>
public sealed record StorageMaintenanceReport(int PartitionsCreated, int RetentionChanges, IReadOnlyList<StorageJobFailure> FailingJobs);
