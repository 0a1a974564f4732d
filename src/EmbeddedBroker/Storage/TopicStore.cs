using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// Every topic of the broker and its partition logs under <c>{DataDir}/logs/{topic}-{partition}</c>.
/// Lookups are lock-free; creating, deleting and changing topics is serialised and saved to the catalog.
/// </summary>
internal sealed partial class TopicStore : IDisposable
{
    private readonly ConcurrentDictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private readonly Lock _adminLock = new();
    private readonly BrokerOptions _options;
    private readonly ILogger _logger;
    private readonly TopicConfig _brokerDefaults;
    private readonly string _logsDirectory;
    private readonly string _catalogPath;

    public TopicStore(BrokerOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _brokerDefaults = TopicConfig.FromBroker(options);
        _logsDirectory = Path.Combine(options.DataDir, "logs");
        _catalogPath = Path.Combine(options.DataDir, "topics.json");
        Directory.CreateDirectory(_logsDirectory);
        RemoveLeftoversOfDeletedTopics();
        foreach (var entry in File.Exists(_catalogPath) ? TopicCatalog.Load(_catalogPath) : RebuildCatalogFromDirectories())
        {
            var config = _brokerDefaults.With(entry.Configs.Select(c => KeyValuePair.Create(c.Key, (string?)c.Value)), out _);
            var topic = new Topic(entry.Name, entry.Id, config);
            topic.SetPartitions([.. Enumerable.Range(0, entry.Partitions).Select(p => OpenPartition(topic, p))]);
            _topics[entry.Name] = topic;
        }
    }

    public IEnumerable<Topic> Topics => _topics.Values;

    /// <summary>The broker-wide topic defaults (DescribeConfigs on the broker resource).</summary>
    public TopicConfig BrokerDefaults => _brokerDefaults;

    public Topic? Find(string name) => _topics.GetValueOrDefault(name);

    /// <summary>Finds a topic, creating it with default settings when auto-creation is on and the name is legal.</summary>
    public Topic? FindOrAutoCreate(string name)
    {
        if (_topics.TryGetValue(name, out var topic) || !_options.AutoCreateTopics || TopicNames.Problem(name) is not null)
        {
            return topic;
        }
        Create(name, _options.DefaultPartitions, new Dictionary<string, string?>(), validateOnly: false);
        return _topics.GetValueOrDefault(name);
    }

    /// <summary>Creates a topic; <paramref name="partitions"/> -1 means the broker default.</summary>
    public (ErrorCode Error, string? Message) Create(string name, int partitions, IReadOnlyDictionary<string, string?> configs, bool validateOnly)
    {
        if (TopicNames.Problem(name) is { } nameProblem)
        {
            return (ErrorCode.InvalidTopicException, nameProblem);
        }
        partitions = partitions == -1 ? _options.DefaultPartitions : partitions;
        if (partitions is < 1 or > 10_000)
        {
            return (ErrorCode.InvalidPartitions, $"partition count {partitions} must be between 1 and 10000");
        }
        var config = _brokerDefaults.With(configs, out var configProblem);
        if (configProblem is not null)
        {
            return (ErrorCode.InvalidConfig, configProblem);
        }
        lock (_adminLock)
        {
            if (_topics.ContainsKey(name))
            {
                return (ErrorCode.TopicAlreadyExists, $"topic '{name}' already exists");
            }
            if (validateOnly)
            {
                return (ErrorCode.None, null);
            }
            var topic = new Topic(name, Guid.NewGuid(), config);
            topic.SetPartitions([.. Enumerable.Range(0, partitions).Select(p => OpenPartition(topic, p))]);
            _topics[name] = topic;
            SaveCatalog();
            LogTopicCreated(_logger, name, partitions);
            return (ErrorCode.None, null);
        }
    }

    /// <summary>Deletes a topic and its data.</summary>
    public ErrorCode Delete(string name)
    {
        lock (_adminLock)
        {
            if (!_topics.TryRemove(name, out var topic))
            {
                return ErrorCode.UnknownTopicOrPartition;
            }
            SaveCatalog();
            foreach (var partition in topic.Partitions)
            {
                partition.Delete();
            }
            LogTopicDeleted(_logger, name);
            return ErrorCode.None;
        }
    }

    /// <summary>Raises a topic's partition count to <paramref name="totalCount"/> (Kafka never lowers it).</summary>
    public (ErrorCode Error, string? Message) AddPartitions(string name, int totalCount, bool validateOnly)
    {
        lock (_adminLock)
        {
            if (!_topics.TryGetValue(name, out var topic))
            {
                return (ErrorCode.UnknownTopicOrPartition, $"topic '{name}' does not exist");
            }
            var current = topic.Partitions.Count;
            if (totalCount <= current || totalCount > 10_000)
            {
                return (ErrorCode.InvalidPartitions, $"topic '{name}' has {current} partitions; the new count must be greater and at most 10000, not {totalCount}");
            }
            if (!validateOnly)
            {
                topic.SetPartitions([.. topic.Partitions, .. Enumerable.Range(current, totalCount - current).Select(p => OpenPartition(topic, p))]);
                SaveCatalog();
            }
            return (ErrorCode.None, null);
        }
    }

    /// <summary>Applies config changes to a topic (a null value returns a key to its default).</summary>
    public (ErrorCode Error, string? Message) AlterConfig(string name, IEnumerable<KeyValuePair<string, string?>> changes, bool replaceAll, bool validateOnly)
    {
        lock (_adminLock)
        {
            if (!_topics.TryGetValue(name, out var topic))
            {
                return (ErrorCode.UnknownTopicOrPartition, $"topic '{name}' does not exist");
            }
            var basis = replaceAll ? _brokerDefaults : topic.Config;
            var updated = basis.With(changes, out var problem);
            if (problem is not null)
            {
                return (ErrorCode.InvalidConfig, problem);
            }
            if (!validateOnly)
            {
                topic.Config = updated;
                SaveCatalog();
            }
            return (ErrorCode.None, null);
        }
    }

    /// <summary>Applies retention to every partition; returns the number of segments deleted.</summary>
    public int ApplyRetention()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return _topics.Values.SelectMany(t => t.Partitions).Sum(p => p.ApplyRetention(now));
    }

    /// <summary>Forces every partition's writes to disk (the interval fsync policy and shutdown).</summary>
    public void FlushAll()
    {
        foreach (var partition in _topics.Values.SelectMany(t => t.Partitions))
        {
            partition.Flush();
        }
    }

    private PartitionLog OpenPartition(Topic topic, int partition) =>
        PartitionLog.Open(topic.Name, partition, Path.Combine(_logsDirectory, $"{topic.Name}-{partition}"), _options, () => topic.Config, _logger);

    private void SaveCatalog() => TopicCatalog.Save(_catalogPath,
        _topics.Values.Select(t => new TopicCatalog.Entry(t.Name, t.Id, t.Partitions.Count, new Dictionary<string, string>(t.Config.Overrides))));

    /// <summary>Topic deletion renames partition directories to <c>*.deleted</c> first; finish any a crash interrupted.</summary>
    private void RemoveLeftoversOfDeletedTopics()
    {
        foreach (var directory in Directory.EnumerateDirectories(_logsDirectory, "*.deleted"))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Without a catalog (first start, or lost), topics are recovered from their partition directories with default configs.</summary>
    private List<TopicCatalog.Entry> RebuildCatalogFromDirectories()
    {
        var entries = Directory.EnumerateDirectories(_logsDirectory)
            .Select(Path.GetFileName)
            .Select(d => (Name: d![..Math.Max(0, d!.LastIndexOf('-'))], Partition: int.TryParse(d[(d.LastIndexOf('-') + 1)..], out var p) ? p : -1))
            .Where(d => d.Partition >= 0 && TopicNames.Problem(d.Name) is null)
            .GroupBy(d => d.Name)
            .Select(g => new TopicCatalog.Entry(g.Key, Guid.NewGuid(), g.Max(d => d.Partition) + 1, []))
            .ToList();
        if (entries.Count > 0)
        {
            TopicCatalog.Save(_catalogPath, entries);
            LogCatalogRebuilt(_logger, entries.Count);
        }
        return entries;
    }

    public void Dispose()
    {
        foreach (var partition in _topics.Values.SelectMany(t => t.Partitions))
        {
            partition.Dispose();
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Created topic {Topic} with {Partitions} partition(s)")]
    private static partial void LogTopicCreated(ILogger logger, string topic, int partitions);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "No topics.json: recovered {Count} topic(s) from their log directories with default settings")]
    private static partial void LogCatalogRebuilt(ILogger logger, int count);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Deleted topic {Topic}")]
    private static partial void LogTopicDeleted(ILogger logger, string topic);
}
