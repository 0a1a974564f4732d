using Microsoft.Extensions.Logging;
using Npgsql;

namespace SensorStream.Storage.Migrations;

/// <summary>
/// Brings a database to this build's schema. Every sink runs it at start: it takes a session advisory lock (so sinks
/// starting together apply each migration once, the others wait and find nothing to do), creates
/// <c>schema_migrations</c> if needed, checks that applied scripts were not edited since, and applies each pending
/// migration in its own transaction. The storage path is chosen when the database is first migrated and read back from
/// <c>schema_migrations</c> afterwards, so installing TimescaleDB later does not split a database across two layouts.
/// </summary>
internal sealed partial class Migrator(NpgsqlDataSource dataSource, StorageMode mode, ILogger logger)
{
    // Any bigint every sink agrees on ("SSMIGRAT" in ASCII); advisory locks are per database.
    private const long LockKey = 0x5353_4D49_4752_4154;

    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Waiting for another sink's migrations, and the migrations themselves, may take longer than a query should.
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    checksum   text NOT NULL
                )
                """, cancellationToken).ConfigureAwait(false);
            var applied = await AppliedAsync(connection, cancellationToken).ConfigureAwait(false);
            var timescale = await TimescaleAvailableAsync(connection, cancellationToken).ConfigureAwait(false);
            var path = ChoosePath(applied, timescale);
            var catalog = MigrationCatalog.For(path);
            foreach (var (version, (name, checksum)) in applied)
            {
                var known = catalog.FirstOrDefault(m => m.Version == version)
                    ?? throw new MigrationException($"the database has migration {version} ({name}), which this build does not know: it was migrated by a newer SensorStream");
                if (known.Checksum != checksum)
                {
                    throw new MigrationException($"migration {version} ({name}) was applied with checksum {checksum}, but this build's script has {known.Checksum}: " +
                        "an applied migration was edited; add a new migration instead");
                }
            }
            var done = new List<int>();
            foreach (var migration in catalog.Where(m => !applied.ContainsKey(m.Version)))
            {
                await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                LogApplied(logger, migration.Version, migration.Name);
                done.Add(migration.Version);
            }
            return new MigrationResult(path, done, timescale);
        }
        finally
        {
            await UnlockAsync(connection).ConfigureAwait(false);
        }
    }

    private StoragePath ChoosePath(Dictionary<int, (string Name, string Checksum)> applied, bool timescale)
    {
        var recorded = applied.Values.Select(a => MigrationCatalog.PathOf(a.Name)).FirstOrDefault(p => p is not null);
        if (recorded is { } existing)
        {
            if (existing == StoragePath.Plain && timescale && mode == StorageMode.Auto)
            {
                LogStayingPlain(logger);
            }
            if ((mode == StorageMode.Plain && existing != StoragePath.Plain) || (mode == StorageMode.TimescaleDb && existing != StoragePath.TimescaleDb))
            {
                throw new MigrationException($"Sinks:Storage is {mode}, but this database was created on the {existing} path; " +
                    "a database keeps its path (use Auto, or migrate the data into a new database)");
            }
            LogPath(logger, existing, "recorded in schema_migrations");
            return existing;
        }
        var path = mode switch
        {
            StorageMode.Plain => StoragePath.Plain,
            StorageMode.TimescaleDb when !timescale => throw new MigrationException(
                "Sinks:Storage is TimescaleDb, but the timescaledb extension is not installed or not in shared_preload_libraries on this server"),
            StorageMode.TimescaleDb => StoragePath.TimescaleDb,
            _ => timescale ? StoragePath.TimescaleDb : StoragePath.Plain,
        };
        LogPath(logger, path, timescale ? "timescaledb is available" : "timescaledb is not available (pg_available_extensions / shared_preload_libraries)");
        return path;
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var applied = new Dictionary<int, (string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }
        return applied;
    }

    /// <summary>Installed and preloaded: CREATE EXTENSION succeeds only when the library is in shared_preload_libraries.</summary>
    internal static async Task<bool> TimescaleAvailableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!
            && await TimescaleLibraryLoadedAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the server preloaded the TimescaleDB library. shared_preload_libraries is readable only by superusers
    /// (and pg_read_all_settings), so it is not asked: the preloaded library defines
    /// <c>timescaledb.max_background_workers</c>, which any role can read and which is undefined (NULL with missing_ok)
    /// when the library is not loaded.
    /// </summary>
    internal static async Task<bool> TimescaleLibraryLoadedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT current_setting('timescaledb.max_background_workers', true) IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction) { CommandTimeout = 0 })
            {
                await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Checksum });
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw new MigrationException($"migration {migration.Version} ({migration.Name}) failed and was rolled back: {e.MessageText} (SQLSTATE {e.SqlState})", e);
        }
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the session lock with it; the error that broke it is the one to report.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Storage path: {Path} ({Why})")]
    private static partial void LogPath(ILogger logger, StoragePath path, string why);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "timescaledb is available, but this database was created on the plain path and stays on it")]
    private static partial void LogStayingPlain(ILogger logger);
}
