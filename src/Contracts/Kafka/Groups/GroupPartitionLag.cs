namespace SensorStream.Contracts.Kafka.Groups;

/// <summary>
/// One partition of a consumer group as <c>kafka-consumer-groups --describe</c> shows it: the committed offset (null when
/// the group has committed none there), the log end offset, the lag between them (records), and the member that owns
/// the partition now, if any.
/// </summary>
public sealed record GroupPartitionLag(string Topic, int Partition, long? CommittedOffset, long LogEndOffset, string? MemberId, string? Host, string? ClientId)
{
    /// <summary>Records between the committed offset and the log end; null when nothing is committed.</summary>
    public long? Lag => CommittedOffset is { } committed ? Math.Max(0, LogEndOffset - committed) : null;
}
