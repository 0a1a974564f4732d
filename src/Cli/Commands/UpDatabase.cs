using SensorStream.Sinks;
using SensorStream.Storage.LocalDatabase;

namespace SensorStream.Cli.Commands;

/// <summary>
/// The database half of <c>sensorstream up</c>: a durable private PostgreSQL 15 kept under the data directory (or the
/// database <c>--db</c> names), and the sink writing every topic into it.
/// </summary>
internal static class UpDatabase
{
    /// <summary>Database the local cluster holds the platform's tables in.</summary>
    public const string DatabaseName = "sensorstream";

    /// <summary>The connection string the sink will use: <paramref name="external"/> when given, else the local cluster's.</summary>
    public static string ConnectionString(string? external, int localPort) =>
        external ?? $"Host=127.0.0.1;Port={localPort};Username=postgres;Database={DatabaseName}";

    /// <summary>Starts (creating on first use) the local cluster in <c>{dataDir}/postgres</c> on <paramref name="port"/>.</summary>
    public static async Task<LocalPostgresCluster> StartLocalAsync(string dataDir, int port, TextWriter output)
    {
        var directory = Path.Combine(dataDir, "postgres");
        var cluster = await LocalPostgresCluster.StartPersistentAsync(directory, port).ConfigureAwait(false);
        await cluster.EnsureDatabaseAsync(DatabaseName).ConfigureAwait(false);
        await output.WriteLineAsync($"PostgreSQL 15: 127.0.0.1:{port}, database {DatabaseName}, data in {Path.GetFullPath(directory)}").ConfigureAwait(false);
        return cluster;
    }

    /// <summary>Runs the sink until the platform stops; false (after saying why) if it failed.</summary>
    public static async Task<bool> RunSinkAsync(DatabaseSink sink, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await output.WriteLineAsync("Sink running: every topic into PostgreSQL.").ConfigureAwait(false);
            await sink.RunAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Sink stopped. {sink.Progress()}").ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SinkFailedException or Confluent.Kafka.KafkaException)
        {
            await error.WriteLineAsync($"sensorstream up: sink failed: {e.Message}").ConfigureAwait(false);
            return false;
        }
    }
}
