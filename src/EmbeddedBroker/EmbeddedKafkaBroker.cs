using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SensorStream.EmbeddedBroker.Groups;
using SensorStream.EmbeddedBroker.Handlers;
using SensorStream.EmbeddedBroker.Http;
using SensorStream.EmbeddedBroker.Metrics;
using SensorStream.EmbeddedBroker.Network;
using SensorStream.EmbeddedBroker.SchemaRegistry;
using SensorStream.EmbeddedBroker.Storage;
using SensorStream.ServiceDefaults.Metrics;

namespace SensorStream.EmbeddedBroker;

/// <summary>
/// A single-node broker that speaks the Kafka wire protocol, with durable topic logs, consumer groups and
/// committed offsets, plus an HTTP port for metrics, health and a Confluent-compatible Schema Registry API
/// (schemas kept under <c>{DataDir}/schemas</c>). Start it with <see cref="StartAsync"/>, stop it with
/// <see cref="DisposeAsync"/>; start again on the same <see cref="BrokerOptions.DataDir"/> to continue
/// where it stopped. One broker per data directory: a second one on the same directory fails to start.
/// </summary>
public sealed partial class EmbeddedKafkaBroker : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly FileStream _dataDirLock;
    private readonly BrokerMetrics _metrics;
    private readonly PrometheusExporter _exporter;
    private readonly TopicStore _topics;
    private readonly GroupCoordinator _groups;
    private readonly KafkaListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly BrokerOptions _options;
    private readonly SchemaRegistryStore _schemas;
    private WebApplication? _http;
    private Task? _maintenance;
    private int _disposed;

    private EmbeddedKafkaBroker(BrokerOptions options, ILoggerFactory loggerFactory, FileStream dataDirLock)
    {
        _options = options;
        _dataDirLock = dataDirLock;
        _logger = loggerFactory.CreateLogger("SensorStream.EmbeddedBroker");
        ClusterId = ClusterIdentity.LoadOrCreate(options.DataDir);
        _metrics = new BrokerMetrics();
        var meter = _metrics.Meter;
        _exporter = new PrometheusExporter(m => ReferenceEquals(m, meter));
        _topics = new TopicStore(options, _logger);
        _groups = new GroupCoordinator(options, new OffsetStore(Path.Combine(options.DataDir, "groups"), options.Fsync, _logger), _logger);
        _metrics.ObserveState(_topics, _groups);
        var state = new BrokerState(options, ClusterId, _topics, _groups, new ProducerIdAllocator(options.DataDir), _metrics);
        var dispatcher = new RequestDispatcher(CreateHandlers(state), _metrics, _logger);
        _listener = new KafkaListener(new IPEndPoint(IPAddress.Parse(options.ListenAddress), options.Port), dispatcher, _metrics,
            new RejectionLog(_logger, TimeProvider.System), options.MaxRequestBytes, _logger);
        state.AdvertisedPort = _listener.Port;
        State = state;
        _schemas = new SchemaRegistryStore(Path.Combine(options.DataDir, "schemas"));
    }

    internal BrokerState State { get; }

    /// <summary>The bound Kafka port.</summary>
    public int Port => _listener.Port;

    /// <summary>The bound HTTP port, or -1 when HTTP is disabled.</summary>
    public int HttpPort { get; private set; } = -1;

    /// <summary><c>host:port</c> for a client's <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers => $"{_options.AdvertisedHost}:{Port}";

    /// <summary>Base URL of the HTTP port (metrics, health, Schema Registry), or null when disabled.</summary>
    public Uri? HttpUrl => HttpPort < 0 ? null : new Uri($"http://{_options.AdvertisedHost}:{HttpPort}/");

    /// <summary>The Schema Registry API's URL (the HTTP port's root, as Confluent's registry), or null when HTTP is disabled.</summary>
    public Uri? SchemaRegistryUrl => HttpUrl;

    /// <summary>The registry's store, for in-process use (e.g. a local client that needs no HTTP).</summary>
    public SchemaRegistryStore Schemas => _schemas;

    /// <summary>This cluster's id, stable across restarts on the same data directory.</summary>
    public string ClusterId { get; }

    /// <summary>
    /// Recovers the data directory, binds the Kafka and HTTP ports and starts serving.
    /// <paramref name="mapHttpEndpoints"/> adds further endpoints to the HTTP port.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    /// <exception cref="IOException">Another broker is using the data directory.</exception>
    public static async Task<EmbeddedKafkaBroker> StartAsync(BrokerOptions options, ILoggerFactory? loggerFactory = null,
        Action<IEndpointRouteBuilder>? mapHttpEndpoints = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }
        loggerFactory ??= NullLoggerFactory.Instance;
        Directory.CreateDirectory(options.DataDir);
        var dataDirLock = LockDataDirectory(options.DataDir);
        EmbeddedKafkaBroker? broker = null;
        try
        {
            broker = new EmbeddedKafkaBroker(options, loggerFactory, dataDirLock);
            if (options.HttpPort >= 0)
            {
                var schemas = broker._schemas;
                broker._http = await BrokerHttpHost.StartAsync(broker.State, broker._exporter, loggerFactory, endpoints =>
                {
                    endpoints.MapSchemaRegistry(schemas);
                    mapHttpEndpoints?.Invoke(endpoints);
                }, cancellationToken).ConfigureAwait(false);
                broker.HttpPort = BrokerHttpHost.BoundPort(broker._http);
            }
            broker._listener.Start();
            broker._maintenance = broker.MaintainAsync();
            LogStarted(broker._logger, broker.BootstrapServers, broker.HttpPort, Path.GetFullPath(options.DataDir), broker.ClusterId);
            return broker;
        }
        catch
        {
            if (broker is not null)
            {
                await broker.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await dataDirLock.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    private static FileStream LockDataDirectory(string dataDir)
    {
        try
        {
            // FileShare.None is an exclusive flock on Unix: released by the OS even after kill -9.
            return new FileStream(Path.Combine(dataDir, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"another broker is already using data directory {Path.GetFullPath(dataDir)}", e);
        }
    }

    private IEnumerable<IApiHandler> CreateHandlers(BrokerState state) =>
    [
        new MetadataHandler(state),
        new ProduceHandler(state, _logger),
        new FetchHandler(state),
        new ListOffsetsHandler(state),
        new FindCoordinatorHandler(state),
        new JoinGroupHandler(state),
        new SyncGroupHandler(state),
        new HeartbeatHandler(state),
        new LeaveGroupHandler(state),
        new OffsetCommitHandler(state),
        new OffsetFetchHandler(state),
        new DescribeGroupsHandler(state),
        new ListGroupsHandler(state),
        new DeleteGroupsHandler(state),
        new CreateTopicsHandler(state),
        new DeleteTopicsHandler(state),
        new CreatePartitionsHandler(state),
        new InitProducerIdHandler(state),
        new DescribeConfigsHandler(state),
        new AlterConfigsHandler(state),
        new DescribeClusterHandler(state),
    ];

    /// <summary>Applies retention and, under <see cref="FsyncPolicy.Interval"/>, flushes logs and offsets periodically.</summary>
    private async Task MaintainAsync()
    {
        var period = _options.Fsync == FsyncPolicy.Interval ? _options.FsyncInterval : _options.RetentionCheckInterval;
        using var timer = new PeriodicTimer(period < _options.RetentionCheckInterval ? period : _options.RetentionCheckInterval);
        var lastRetention = DateTimeOffset.UtcNow;
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    if (_options.Fsync == FsyncPolicy.Interval)
                    {
                        _topics.FlushAll();
                        _groups.Offsets.Flush();
                    }
                    if (DateTimeOffset.UtcNow - lastRetention >= _options.RetentionCheckInterval)
                    {
                        lastRetention = DateTimeOffset.UtcNow;
                        _topics.ApplyRetention();
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    LogMaintenanceFailed(_logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops serving, closes every connection, flushes and closes the logs and releases the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
        if (_http is not null)
        {
            await _http.StopAsync().ConfigureAwait(false);
            await _http.DisposeAsync().ConfigureAwait(false);
        }
        if (_maintenance is not null)
        {
            await _maintenance.ConfigureAwait(false);
        }
        await _groups.DisposeAsync().ConfigureAwait(false);
        _topics.Dispose();
        _schemas.Dispose();
        _exporter.Dispose();
        _metrics.Dispose();
        _stopping.Dispose();
        await _dataDirLock.DisposeAsync().ConfigureAwait(false);
        LogStopped(_logger);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Broker ready: Kafka at {BootstrapServers}, HTTP port {HttpPort}, data in {DataDir}, cluster {ClusterId}")]
    private static partial void LogStarted(ILogger logger, string bootstrapServers, int httpPort, string dataDir, string clusterId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Broker stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Background flush or retention failed; will retry")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);
}
