using SensorStream.ServiceDefaults.Hosting;
using SensorStream.Storage.LocalDatabase;
using Microsoft.Extensions.Hosting;

namespace SensorStream.Cli.Hosting;

/// <summary>
/// The durable private PostgreSQL 15 of <c>sensorstream up</c>, kept under the data directory: started before the sink
/// and stopped after it. A cluster that cannot start fails the host's start, naming why.
/// </summary>
internal sealed class LocalDatabaseService(LocalDatabaseSettings settings, RoleHealth health, TextWriter output) : IHostedService, IAsyncDisposable
{
    /// <summary>Database the local cluster holds the platform's tables in.</summary>
    public const string DatabaseName = "sensorstream";

    private LocalPostgresCluster? _cluster;

    /// <summary>The connection string the sink uses for the local cluster on <paramref name="port"/>.</summary>
    public static string ConnectionString(int port) => $"Host=127.0.0.1;Port={port};Username=postgres;Database={DatabaseName}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        health.Set("database", RoleState.Starting, "starting");
        var directory = Path.Combine(settings.DataDirectory, "postgres");
        _cluster = await LocalPostgresCluster.StartPersistentAsync(directory, settings.Port).ConfigureAwait(false);
        await _cluster.EnsureDatabaseAsync(DatabaseName).ConfigureAwait(false);
        health.Set("database", RoleState.Running, $"PostgreSQL on 127.0.0.1:{settings.Port}");
        await output.WriteLineAsync($"PostgreSQL 15: 127.0.0.1:{settings.Port}, database {DatabaseName}, data in {Path.GetFullPath(directory)}").ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
            _cluster = null;
            health.Set("database", RoleState.Stopped, "stopped");
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
