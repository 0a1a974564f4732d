using System.Globalization;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// A topic's settings under Kafka's names. Values not set on the topic come from <see cref="BrokerOptions"/>.
/// Only settings the embedded broker honours are accepted; anything else is refused with a reason rather than
/// silently ignored.
/// </summary>
internal sealed record TopicConfig
{
    public const string CleanupPolicyKey = "cleanup.policy";
    public const string RetentionMsKey = "retention.ms";
    public const string RetentionBytesKey = "retention.bytes";
    public const string SegmentBytesKey = "segment.bytes";
    public const string SegmentMsKey = "segment.ms";
    public const string MaxMessageBytesKey = "max.message.bytes";
    public const string TimestampTypeKey = "message.timestamp.type";
    public const string CompressionTypeKey = "compression.type";
    public const string MinInSyncReplicasKey = "min.insync.replicas";

    private TopicConfig(IReadOnlyDictionary<string, string> defaults, IReadOnlyDictionary<string, string> overrides)
    {
        Defaults = defaults;
        Overrides = overrides;
    }

    /// <summary>Broker-wide defaults for every key.</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; }

    /// <summary>Keys set on this topic.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; }

    public string CleanupPolicy => Get(CleanupPolicyKey);

    /// <summary>True when retention may delete old segments (policy contains <c>delete</c>). Compacted topics are kept whole: the embedded broker does not compact.</summary>
    public bool DeletesOldSegments => CleanupPolicy.Split(',').Contains("delete");

    public long RetentionMs => long.Parse(Get(RetentionMsKey), CultureInfo.InvariantCulture);

    public long RetentionBytes => long.Parse(Get(RetentionBytesKey), CultureInfo.InvariantCulture);

    public int SegmentBytes => int.Parse(Get(SegmentBytesKey), CultureInfo.InvariantCulture);

    public long SegmentMs => long.Parse(Get(SegmentMsKey), CultureInfo.InvariantCulture);

    public int MaxMessageBytes => int.Parse(Get(MaxMessageBytesKey), CultureInfo.InvariantCulture);

    private string Get(string key) => Overrides.TryGetValue(key, out var value) ? value : Defaults[key];

    public static TopicConfig FromBroker(BrokerOptions options)
    {
        static string Ms(TimeSpan value) => value == Timeout.InfiniteTimeSpan ? "-1" : ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var defaults = new Dictionary<string, string>
        {
            [CleanupPolicyKey] = "delete",
            [RetentionMsKey] = Ms(options.Retention),
            [RetentionBytesKey] = options.RetentionBytes.ToString(CultureInfo.InvariantCulture),
            [SegmentBytesKey] = options.SegmentBytes.ToString(CultureInfo.InvariantCulture),
            [SegmentMsKey] = Ms(options.SegmentAge),
            [MaxMessageBytesKey] = options.MaxMessageBytes.ToString(CultureInfo.InvariantCulture),
            [TimestampTypeKey] = "CreateTime",
            [CompressionTypeKey] = "producer",
            [MinInSyncReplicasKey] = "1",
        };
        return new TopicConfig(defaults, new Dictionary<string, string>());
    }

    /// <summary>A copy with <paramref name="changes"/> applied (a null value removes an override), or the first problem.</summary>
    public TopicConfig With(IEnumerable<KeyValuePair<string, string?>> changes, out string? problem)
    {
        var overrides = new Dictionary<string, string>(Overrides);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                overrides.Remove(key);
                continue;
            }
            problem = Check(key, value);
            if (problem is not null)
            {
                return this;
            }
            overrides[key] = value;
        }
        problem = null;
        return new TopicConfig(Defaults, overrides);
    }

    /// <summary>A copy that keeps this topic's overrides on top of new broker defaults.</summary>
    public TopicConfig WithDefaultsFrom(TopicConfig broker) => new(broker.Defaults, Overrides);

    private static string? Check(string key, string value)
    {
        static bool Long(string v, long min, long max) =>
            long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max;
        return key switch
        {
            CleanupPolicyKey when value.Split(',').All(p => p is "delete" or "compact") => null,
            CleanupPolicyKey => $"cleanup.policy must be delete, compact or compact,delete, not '{value}'",
            RetentionMsKey or RetentionBytesKey when Long(value, -1, long.MaxValue) => null,
            SegmentBytesKey when Long(value, 14, 1024 * 1024 * 1024) => null,
            SegmentMsKey when Long(value, 1, long.MaxValue) => null,
            MaxMessageBytesKey when Long(value, 0, int.MaxValue) => null,
            RetentionMsKey or RetentionBytesKey or SegmentBytesKey or SegmentMsKey or MaxMessageBytesKey =>
                $"{key}: '{value}' is not a valid number in range",
            TimestampTypeKey when value == "CreateTime" => null,
            TimestampTypeKey => "message.timestamp.type: only CreateTime is supported by the embedded broker",
            CompressionTypeKey when value == "producer" => null,
            CompressionTypeKey => "compression.type: only 'producer' is supported (batches are stored as the producer compressed them)",
            MinInSyncReplicasKey when value == "1" => null,
            MinInSyncReplicasKey => "min.insync.replicas: the embedded broker has one replica",
            _ => $"unknown or unsupported topic config '{key}'",
        };
    }
}
