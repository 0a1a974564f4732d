namespace SensorStream.Contracts.Kafka.Groups;

/// <summary>What a reset would do (or did) to one partition: the committed offset before (null = none) and the new one.</summary>
public sealed record OffsetResetRow(string Topic, int Partition, long? CurrentOffset, long NewOffset);
