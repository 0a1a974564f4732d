namespace SensorStream.Contracts.Kafka.Groups;

/// <summary>A consumer group's state (Kafka's names: Empty, Stable, PreparingRebalance, CompletingRebalance, Dead), member count and partitions.</summary>
public sealed record GroupDescription(string GroupId, string State, int Members, IReadOnlyList<GroupPartitionLag> Partitions)
{
    /// <summary>
    /// Whether the group may have its offsets reset: Kafka allows it only while no consumer is a member (Empty or Dead;
    /// Unknown covers a group that exists only through committed offsets).
    /// </summary>
    public bool IsInactive => Members == 0 && State is "Empty" or "Dead" or "Unknown";
}
