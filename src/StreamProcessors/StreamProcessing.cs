using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.Locations;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.StreamProcessors.Environment;
using SensorStream.StreamProcessors.Rollup;
using SensorStream.StreamProcessors.Runtime;
using SensorStream.StreamProcessors.Thresholds;
using SensorStream.StreamProcessors.Trips;
using SensorStream.StreamProcessors.Vibration;

namespace SensorStream.StreamProcessors;

/// <summary>
/// Everything <c>sensorstream process</c> runs: one consumer group per processor (environment windows, location
/// rollup, vibration, trips), the live threshold feed, and the topics they need. Several instances with the same
/// <see cref="ProcessingOptions.GroupPrefix"/> split the partitions between them.
/// </summary>
public sealed class StreamProcessing : IDisposable
{
    private readonly KafkaOptions _kafka;
    private readonly ProcessingOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ISchemaRegistryClient _registry;
    private readonly bool _ownsRegistry;
    private readonly EventCodec _codec;
    private readonly LiveThresholds _thresholds = new(ThresholdTable.Defaults);
    private readonly LocationTree _tree;
    private readonly List<(string Name, ProcessorCounters Counters)> _counters = [];

    /// <summary>Prepares the processors; nothing runs until <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message lists the problems).</exception>
    public StreamProcessing(KafkaOptions kafka, ProcessingOptions options, ILoggerFactory loggers, Meter meter)
        : this(kafka, options, KafkaServiceCollectionExtensions.CreateRegistryClient(kafka), loggers, meter, ownsRegistry: true)
    {
    }

    /// <summary>Prepares the processors over a shared registry client (not disposed with them).</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message lists the problems).</exception>
    public StreamProcessing(KafkaOptions kafka, ProcessingOptions options, ISchemaRegistryClient registry, ILoggerFactory loggers, Meter meter)
        : this(kafka, options, registry, loggers, meter, ownsRegistry: false)
    {
    }

    private StreamProcessing(KafkaOptions kafka, ProcessingOptions options, ISchemaRegistryClient registry, ILoggerFactory loggers, Meter meter, bool ownsRegistry)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(System.Environment.NewLine, problems), nameof(options));
        }
        _kafka = kafka;
        _options = options;
        _loggers = loggers;
        Meter = meter;
        _registry = registry;
        _ownsRegistry = ownsRegistry;
        _codec = new EventCodec(_registry);
        _tree = options.LocationsFile is { } file ? LocationTree.Load(file) : LocationTree.Default;
    }

    /// <summary>The meter the processors' counters are published on.</summary>
    public Meter Meter { get; }

    /// <summary>The internal topic carrying sensor windows to the rollup, keyed by ancestor.</summary>
    public string RollupTopic => $"{_options.GroupPrefix}-rollup-repartition";

    /// <summary>One line per processor with its counts so far.</summary>
    public IEnumerable<string> Describe() => _counters.Select(c => $"{c.Name}: {c.Counters}");

    /// <summary>Creates missing topics, then runs every processor until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await TopicBootstrapper.EnsureAsync(_kafka, [.. Topics.All, RollupTopic]).ConfigureAwait(false);
        await RegisterOutputSchemasAsync(cancellationToken).ConfigureAwait(false);
        var hosts = new List<ProcessorHost>();
        if (Runs("environment"))
        {
            var rollupPartitions = PartitionCount(RollupTopic);
            hosts.Add(Host("environment", [Topics.SensorsEnvironment],
                (context, tp) => new EnvironmentPartitionProcessor(context, _options, _tree, _thresholds, RollupTopic, rollupPartitions, tp.Partition.Value)));
        }
        if (Runs("rollup"))
        {
            var environmentPartitions = PartitionCount(Topics.SensorsEnvironment);
            hosts.Add(Host("rollup", [RollupTopic], (context, _) => new RollupPartitionProcessor(context, _options, _tree, environmentPartitions)));
        }
        if (Runs("vibration"))
        {
            hosts.Add(Host("vibration", [Topics.SensorsVibration], (context, _) => new VibrationPartitionProcessor(context, _options, _thresholds)));
        }
        if (Runs("trips"))
        {
            hosts.Add(Host("trips", [Topics.TripsRecords], (context, _) => new TripPartitionProcessor(context, _options.Trips)));
        }
        // One processor failing stops the others: the role is down, and a supervisor (or `up`) must see it at once.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = hosts.Select(h => h.RunAsync(stop.Token)).ToList();
        if (Runs("environment") || Runs("vibration"))
        {
            var logger = _loggers.CreateLogger("SensorStream.Thresholds");
            tasks.Add(new ThresholdFeed(_kafka, _codec, _thresholds, new TransientRetry(_options.Host.Retry, logger, "thresholds"), logger).RunAsync(stop.Token));
        }
        var running = tasks.ToList();
        while (running.Count > 0)
        {
            var finished = await Task.WhenAny(running).ConfigureAwait(false);
            running.Remove(finished);
            if (finished.IsFaulted)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Registers every schema the processors write, waiting out a registry that is not up yet.</summary>
    private async Task RegisterOutputSchemasAsync(CancellationToken cancellationToken)
    {
        var retry = new TransientRetry(_options.Host.Retry, _loggers.CreateLogger("SensorStream.Processors"), "processors");
        await retry.ExecuteAsync(async ct =>
        {
            await OutputSchemas.RegisterAsync<WindowAggregate>(_registry, Topics.MetricsWindows, ct).ConfigureAwait(false);
            await OutputSchemas.RegisterAsync<WindowAggregate>(_registry, RollupTopic, ct).ConfigureAwait(false);
            await OutputSchemas.RegisterAsync<StatusChange>(_registry, Topics.StatusChanges, ct).ConfigureAwait(false);
            await OutputSchemas.RegisterAsync<Anomaly>(_registry, Topics.Anomalies, ct).ConfigureAwait(false);
            await OutputSchemas.RegisterAsync<VibrationDiagnosis>(_registry, Topics.DiagnosesVibration, ct).ConfigureAwait(false);
            return await OutputSchemas.RegisterAsync<DeadLetter>(_registry, Topics.DeadLetters, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private bool Runs(string processor) => _options.Run.Contains(processor, StringComparer.OrdinalIgnoreCase);

    /// <summary>The counters of a running processor (<c>environment</c>, <c>rollup</c>…), or null when it does not run here.</summary>
    internal ProcessorCounters? CountersOf(string processor) => _counters.FirstOrDefault(c => c.Name == processor).Counters;

    private int PartitionCount(string topic)
    {
        using var admin = new AdminClientBuilder(_kafka.AdminConfig()).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(30)).Topics.Single().Partitions.Count;
    }

    private ProcessorHost Host(string name, IReadOnlyList<string> topics, Func<ProcessorContext, TopicPartition, ICommittableProcessor> create)
    {
        var counters = new ProcessorCounters(Meter, name);
        _counters.Add((name, counters));
        var groupId = $"{_options.GroupPrefix}-{name}";
        var logger = _loggers.CreateLogger($"SensorStream.Processors.{name}");
        var context = new ProcessorContext(groupId, _codec, counters, TimeProvider.System, logger,
            new TransientRetry(_options.Host.Retry, logger, name), new DeadLetterRouter(_registry, groupId, TimeProvider.System, logger));
        return new ProcessorHost(name, _kafka, topics, context, tp => create(context, tp), _options.Host);
    }

    /// <summary>Releases the registry client.</summary>
    public void Dispose()
    {
        if (_ownsRegistry && _registry is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
