namespace SensorStream.EmbeddedBroker.Groups;

/// <summary>A consumer group's committed position in one partition.</summary>
/// <param name="Offset">The next offset the group will read.</param>
/// <param name="LeaderEpoch">The leader epoch the client saw (OffsetCommit v6+), -1 if unknown.</param>
/// <param name="Metadata">Free text the client stored with the commit.</param>
/// <param name="CommitTimestampMs">When the commit arrived (ms since epoch), for offset retention.</param>
internal readonly record struct CommittedOffset(long Offset, int LeaderEpoch, string? Metadata, long CommitTimestampMs);
