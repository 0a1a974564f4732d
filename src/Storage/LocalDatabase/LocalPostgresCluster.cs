using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SensorStream.Storage.LocalDatabase;

/// <summary>
/// A private PostgreSQL 15 cluster: for tests and benchmarks, initdb in a fresh temporary directory, a free port on
/// 127.0.0.1, the socket in that directory, trust authentication, durability off (fsync, full-page writes) for speed;
/// for <c>sensorstream up</c>, a durable cluster kept in a directory of its own and reused on the next start. initdb and postgres refuse
/// to run as root, so under root they run as the <c>postgres</c> system user, in a directory it owns. It can be
/// stopped and started again on the same port and data (for database-outage tests). Missing binaries fail loudly.
/// synchronous_commit stays on: with it off, an immediate stop loses transactions already reported committed, which
/// the outage test would rightly count as lost rows. Where TimescaleDB is installed it is preloaded, with its
/// background workers and PostgreSQL's worker processes sized together (<see cref="TimescaleBackgroundWorkers"/>).
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    /// <summary>Where Debian's postgresql-15 package puts initdb, pg_ctl and postgres.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>Role that owns the databases of <see cref="CreateDatabaseAsync(string?)"/> when asked: an ordinary login role, not a superuser.</summary>
    public const string OwnerRole = "sensorstream_owner";

    /// <summary>
    /// TimescaleDB background workers of a durable cluster (<c>timescaledb.max_background_workers</c>): a scheduler per
    /// database that has the extension plus the jobs running at once. TimescaleDB's default, 16, serves a few databases.
    /// </summary>
    public const int TimescaleBackgroundWorkers = 16;

    /// <summary>A throw-away cluster holds a database per test class, each with its own TimescaleDB scheduler, so it gets more.</summary>
    public const int TestTimescaleBackgroundWorkers = 64;

    // PostgreSQL's parallel query workers (max_parallel_workers' default) come out of the same pool as TimescaleDB's.
    private const int ParallelWorkers = 8;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory;
    private readonly bool _asPostgresUser;
    private readonly bool _preloadTimescale;
    private readonly bool _persistent;

    private LocalPostgresCluster(string directory, int port, bool asPostgresUser, bool preloadTimescale, bool persistent)
    {
        _directory = directory;
        _persistent = persistent;
        Port = port;
        _asPostgresUser = asPostgresUser;
        _preloadTimescale = preloadTimescale;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Whether the server is up (between start and stop).</summary>
    public bool Running { get; private set; }

    private string DataDirectory => Path.Combine(_directory, "data");

    private string LogFile => Path.Combine(_directory, "postgres.log");

    /// <summary>Creates and starts a new throw-away cluster in a temporary directory (deleted on dispose), durability off; throws <see cref="InvalidOperationException"/> when PostgreSQL is missing or fails.</summary>
    public static Task<LocalPostgresCluster> StartAsync() => StartAsync(Path.Combine(Path.GetTempPath(), $"sensorstream-pg-{Guid.NewGuid():N}"), FreePort(), persistent: false);

    /// <summary>
    /// Starts the durable cluster kept in <paramref name="directory"/> on <paramref name="port"/>, creating it on first
    /// use; dispose stops it and keeps the data. Throws <see cref="InvalidOperationException"/> when PostgreSQL is
    /// missing or fails (e.g. the port is taken).
    /// </summary>
    public static Task<LocalPostgresCluster> StartPersistentAsync(string directory, int port) => StartAsync(Path.GetFullPath(directory), port, persistent: true);

    private static async Task<LocalPostgresCluster> StartAsync(string directory, int port, bool persistent)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 server binaries are not in {BinDirectory}; install them (apt-get install -y postgresql-15; ./sensorstream does it)");
        }
        var asPostgresUser = Environment.UserName == "root";
        Directory.CreateDirectory(directory);
        if (asPostgresUser)
        {
            await RunAsync("chown", ["postgres:postgres", directory]).ConfigureAwait(false);
        }
        var libDirectory = (await RunAsync(Path.Combine(BinDirectory, "pg_config"), ["--pkglibdir"]).ConfigureAwait(false)).Trim();
        var timescale = File.Exists(Path.Combine(libDirectory, "timescaledb.so"));
        var cluster = new LocalPostgresCluster(directory, port, asPostgresUser, timescale, persistent);
        try
        {
            if (!File.Exists(Path.Combine(cluster.DataDirectory, "PG_VERSION")))
            {
                await cluster.AsServerUserAsync("initdb", ["-D", cluster.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", .. persistent ? Array.Empty<string>() : ["--no-sync"]])
                    .ConfigureAwait(false);
            }
            await cluster.StartAgainAsync().ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return cluster;
    }

    /// <summary>Whether the <c>timescaledb</c> extension is installed on this server (it is then preloaded).</summary>
    public bool TimescaleInstalled => _preloadTimescale;

    /// <summary>
    /// A connection string for <paramref name="database"/> as <paramref name="user"/> (default the superuser
    /// <c>postgres</c>); pooling off, so a restarted server leaves no dead pooled connections behind in tests.
    /// </summary>
    public string ConnectionString(string database = "postgres", bool pooling = false, string user = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={user};Database={database};Pooling={pooling};Timeout=5";

    /// <summary>
    /// Creates an empty database with a unique name and returns the name. With <paramref name="owner"/> (a plain
    /// identifier) the database belongs to that login role, created as an ordinary role (no superuser, no role or
    /// database creation) if it does not exist: the way a production database is usually handed to an application.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? owner = null)
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync().ConfigureAwait(false);
        if (owner is not null)
        {
            if (owner.Length == 0 || !owner.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                throw new ArgumentException($"'{owner}' is not a plain role name", nameof(owner));
            }
            // Two test classes may create the role at once; the DO block makes that harmless.
            await using var role = new NpgsqlCommand($"""
                DO $$ BEGIN
                    CREATE ROLE {owner} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$
                """, connection);
            await role.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}{(owner is null ? string.Empty : " OWNER " + owner)}", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return name;
    }

    /// <summary>Creates database <paramref name="name"/> unless it exists (a plain identifier: letters, digits, underscores).</summary>
    public async Task EnsureDatabaseAsync(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not a plain database name", nameof(name));
        }
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync().ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new NpgsqlParameter<string> { TypedValue = name } } };
        if (await exists.ExecuteScalarAsync().ConfigureAwait(false) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server at once (as a crash would), keeping its data.</summary>
    public async Task StopAsync()
    {
        await AsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        Running = false;
    }

    /// <summary>Starts the server on its port and data.</summary>
    public async Task StartAgainAsync()
    {
        var durability = _persistent ? "-c shared_buffers=128MB" : "-c fsync=off -c full_page_writes=off -c shared_buffers=32MB";
        var settings = $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 {durability} -c max_connections=60";
        if (_preloadTimescale)
        {
            // TimescaleDB's workers come out of max_worker_processes (default 8, below TimescaleDB's own default of
            // 16): size the pool for them, the parallel query workers and the logical replication launcher.
            var timescaleWorkers = _persistent ? TimescaleBackgroundWorkers : TestTimescaleBackgroundWorkers;
            settings += $" -c shared_preload_libraries=timescaledb -c timescaledb.telemetry_level=off -c timescaledb.max_background_workers={timescaleWorkers}" +
                $" -c max_worker_processes={timescaleWorkers + ParallelWorkers + 2} -c max_parallel_workers={ParallelWorkers}";
        }
        await AsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "30", "-o", settings, "start"]);
        Running = true;
    }

    /// <summary>Stops the server; a throw-away cluster's directory is deleted, a persistent one's kept (after a clean shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_persistent)
        {
            if (Running)
            {
                await AsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]).ConfigureAwait(false);
                Running = false;
            }
            return;
        }
        if (Running)
        {
            try
            {
                await StopAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Already gone; the directory is removed below either way.
            }
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner gets it later.
        }
    }

    private Task<string> AsServerUserAsync(string program, IReadOnlyList<string> arguments) =>
        _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, program), .. arguments])
            : RunAsync(Path.Combine(BinDirectory, program), arguments);

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds} s");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
        return await output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
