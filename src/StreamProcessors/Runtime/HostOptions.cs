using SensorStream.ServiceDefaults.Kafka;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>How a processor host consumes, commits and buffers.</summary>
public sealed class HostOptions
{
    /// <summary>How often safe offsets are committed (after the outputs before them are acknowledged). Default 1 s.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often partitions get a wall-clock tick (idle watermarks). Default 1 s.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Records queued per partition before the consumer waits. Default 2 000.</summary>
    public int PartitionQueue { get; set; } = 2_000;

    /// <summary>Outputs queued for the producer before partitions wait. Default 10 000.</summary>
    public int OutputQueue { get; set; } = 10_000;

    /// <summary>Consumer session timeout (how long a silent instance keeps its partitions). Default 10 s.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Backoff while the registry is away: the record waiting for its schema is decoded again (0.5 s doubling to 30 s).</summary>
    public RetryOptions Retry { get; set; } = new();
}
