namespace SensorStream.Producers.Publishing;

/// <summary>Running counts of one publisher, safe to read from any thread.</summary>
public sealed class PublishCounters
{
    private long _produced;
    private long _acknowledged;
    private long _failed;

    /// <summary>Messages handed to the Kafka client.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Messages the broker acknowledged.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Messages that could not be delivered within the delivery timeout (librdkafka retries until then).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Produced but neither acknowledged nor failed yet.</summary>
    public long InFlight => Produced - Acknowledged - Failed;

    internal void OnProduced() => Interlocked.Increment(ref _produced);

    internal void OnAcknowledged() => Interlocked.Increment(ref _acknowledged);

    internal void OnFailed() => Interlocked.Increment(ref _failed);

    /// <summary>One line for the end of a run: produced / acknowledged / failed.</summary>
    public override string ToString() => $"produced {Produced:N0}, acknowledged {Acknowledged:N0}, failed {Failed:N0}";
}
