namespace SensorStream.Storage.Migrations;

/// <summary>What a migration run did.</summary>
/// <param name="Path">The storage path the database is on.</param>
/// <param name="Applied">Versions applied by this run (empty when the schema was already current).</param>
/// <param name="TimescaleAvailable">Whether the <c>timescaledb</c> extension could be used on this server.</param>
internal sealed record MigrationResult(StoragePath Path, IReadOnlyList<int> Applied, bool TimescaleAvailable);
