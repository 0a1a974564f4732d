using System.ComponentModel.DataAnnotations;

namespace SensorStream.EmbeddedBroker;

/// <summary>
/// Settings of the embedded broker, bound from the <c>Broker</c> configuration section
/// (<c>appsettings.json</c>, <c>SENSORSTREAM_Broker__*</c> environment variables, then CLI flags).
/// Every default works for one developer machine.
/// </summary>
public sealed class BrokerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Broker";

    /// <summary>Kafka protocol port. Default 9092; 0 picks a free port (read it back from <see cref="EmbeddedKafkaBroker.Port"/>).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 9092;

    /// <summary>HTTP port for <c>/metrics</c>, <c>/health</c> and the Schema Registry API. Default 8081; 0 picks a free port; -1 disables HTTP.</summary>
    [Range(-1, 65535)]
    public int HttpPort { get; set; } = 8081;

    /// <summary>Address the listeners bind to. Default <c>127.0.0.1</c> (this machine only); <c>0.0.0.0</c> for every interface.</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Host name clients are told to connect to (Metadata and FindCoordinator). Default <c>127.0.0.1</c>.</summary>
    [Required]
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Directory for topic logs, committed offsets and the schema registry. Default <c>./data/broker</c>.</summary>
    [Required]
    public string DataDir { get; set; } = "./data/broker";

    /// <summary>Partitions of an auto-created topic or a CreateTopics request that asks for the default (-1). Default 6.</summary>
    [Range(1, 10_000)]
    public int DefaultPartitions { get; set; } = 6;

    /// <summary>Create a topic the first time a client asks for it in Metadata (as Kafka's <c>auto.create.topics.enable</c>). Default true.</summary>
    public bool AutoCreateTopics { get; set; } = true;

    /// <summary>Largest request frame accepted, in bytes; bigger frames close the connection. Default 100 MiB.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxRequestBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Largest record batch a topic accepts (<c>max.message.bytes</c>), in bytes. Default 1 048 588, as Kafka.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxMessageBytes { get; set; } = 1_048_588;

    /// <summary>Segment file size that triggers a roll (<c>segment.bytes</c>), in bytes. Default 256 MiB; at most 1 GiB.</summary>
    [Range(14, 1024 * 1024 * 1024)]
    public int SegmentBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>Segment age that triggers a roll (<c>segment.ms</c>). Default 7 days.</summary>
    public TimeSpan SegmentAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long records are kept (<c>retention.ms</c>); <see cref="Timeout.InfiniteTimeSpan"/> keeps them forever. Default 7 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Largest size of one partition before its oldest segments are deleted (<c>retention.bytes</c>), in bytes; -1 for no limit. Default -1.</summary>
    [Range(-1, long.MaxValue)]
    public long RetentionBytes { get; set; } = -1;

    /// <summary>How often retention is applied. Default 5 minutes.</summary>
    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Bytes of log between two sparse index entries (<c>index.interval.bytes</c>). Default 4096.</summary>
    [Range(1, int.MaxValue)]
    public int IndexIntervalBytes { get; set; } = 4096;

    /// <summary>When log writes are forced to disk. Default <see cref="FsyncPolicy.Interval"/>.</summary>
    public FsyncPolicy Fsync { get; set; } = FsyncPolicy.Interval;

    /// <summary>Background flush period for <see cref="FsyncPolicy.Interval"/>. Default 1 second.</summary>
    public TimeSpan FsyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait before the first rebalance of an empty group, so members starting together join one generation (<c>group.initial.rebalance.delay.ms</c>). Default 0.</summary>
    public TimeSpan GroupInitialRebalanceDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Smallest session timeout a member may ask for. Default 6 seconds, as Kafka.</summary>
    public TimeSpan GroupMinSessionTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Largest session timeout a member may ask for. Default 30 minutes, as Kafka.</summary>
    public TimeSpan GroupMaxSessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long committed offsets of an empty group are kept (<c>offsets.retention.minutes</c>). Default 7 days.</summary>
    public TimeSpan OffsetsRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long an idle idempotent producer's sequence state is kept (<c>producer.id.expiration.ms</c>). Default 1 day.</summary>
    public TimeSpan ProducerIdExpiration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Checks values the attributes cannot express; returns the problems (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var context = new ValidationContext(this);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, context, results, validateAllProperties: true))
        {
            problems.AddRange(results.Select(r => $"Broker: {r.ErrorMessage}"));
        }
        if (Port != 0 && Port == HttpPort)
        {
            problems.Add("Broker: Port and HttpPort must differ.");
        }
        if (Retention <= TimeSpan.Zero && Retention != Timeout.InfiniteTimeSpan)
        {
            problems.Add("Broker: Retention must be positive or infinite (-00:00:00.001).");
        }
        foreach (var (name, value) in new[] { ("SegmentAge", SegmentAge), ("RetentionCheckInterval", RetentionCheckInterval), ("FsyncInterval", FsyncInterval) })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"Broker: {name} must be positive.");
            }
        }
        if (GroupMinSessionTimeout > GroupMaxSessionTimeout)
        {
            problems.Add("Broker: GroupMinSessionTimeout must not exceed GroupMaxSessionTimeout.");
        }
        return problems;
    }
}
