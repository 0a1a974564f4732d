using Confluent.Kafka;

namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>How a <see cref="KafkaConsumerLoop"/> reads.</summary>
public sealed class ConsumerLoopOptions
{
    /// <summary>Topics to read.</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>
    /// The consumer group that shares the partitions and keeps the committed offsets; null for a reader outside any group
    /// that assigns itself every partition of <see cref="Topics"/> (every instance sees every record; nothing is
    /// committed), as the threshold feed and live views do. Default null.
    /// </summary>
    public string? GroupId { get; init; }

    /// <summary>Where to start without a committed offset: earliest (replay everything) or latest (only what comes next). Default earliest.</summary>
    public AutoOffsetReset StartAt { get; init; } = AutoOffsetReset.Earliest;

    /// <summary>Consumer session timeout: how long a silent instance keeps its partitions. Default 10 s.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait of one poll, so periodic work runs at least this often. Default 200 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
}
