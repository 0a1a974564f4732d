namespace SensorStream.Contracts.Kafka.Groups;

/// <summary>A computed reset of a group's offsets, shown as a dry run or executed as one commit.</summary>
public sealed record OffsetResetPlan(string GroupId, OffsetResetTarget Target, IReadOnlyList<OffsetResetRow> Rows);
