namespace SensorStream.Contracts.Kafka.Groups;

/// <summary>
/// Where a consumer group's committed offsets are moved to, with the meaning Kafka's <c>kafka-consumer-groups
/// --reset-offsets</c> gives each: the earliest or latest offset still in the log, the first record at or after a
/// time, the current offset shifted by a count, or an absolute offset. Results are clamped to the log's range.
/// </summary>
public abstract record OffsetResetTarget
{
    private OffsetResetTarget()
    {
    }

    /// <summary>The oldest offset the log still holds.</summary>
    public sealed record Earliest : OffsetResetTarget;

    /// <summary>The log end: the group skips everything already written.</summary>
    public sealed record Latest : OffsetResetTarget;

    /// <summary>The first record whose timestamp is at or after <paramref name="Time"/>; the log end when there is none.</summary>
    public sealed record AtTime(DateTimeOffset Time) : OffsetResetTarget;

    /// <summary>The committed offset moved by <paramref name="Count"/> records (negative = back); from the log start when nothing is committed.</summary>
    public sealed record ShiftBy(long Count) : OffsetResetTarget;

    /// <summary>This absolute offset in every chosen partition.</summary>
    public sealed record ToOffset(long Offset) : OffsetResetTarget;

    /// <summary>How the target reads in a plan, e.g. <c>to-datetime 2026-12-01T00:00:00+09:00</c>.</summary>
    public string Describe() => this switch
    {
        Earliest => "to-earliest",
        Latest => "to-latest",
        AtTime t => $"to-datetime {t.Time:O}",
        ShiftBy s => $"shift-by {s.Count}",
        ToOffset o => $"to-offset {o.Offset}",
        _ => throw new InvalidOperationException($"unknown reset target {GetType().Name}"),
    };
}
