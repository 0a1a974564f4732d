namespace SensorStream.Contracts.SchemaRegistry;

/// <summary>Conversions between <see cref="CompatibilityLevel"/> and the registry's wire names (<c>BACKWARD_TRANSITIVE</c>, …).</summary>
public static class CompatibilityLevels
{
    /// <summary>The wire name of <paramref name="level"/>.</summary>
    public static string ToWireName(this CompatibilityLevel level) => level switch
    {
        CompatibilityLevel.None => "NONE",
        CompatibilityLevel.Backward => "BACKWARD",
        CompatibilityLevel.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityLevel.Forward => "FORWARD",
        CompatibilityLevel.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityLevel.Full => "FULL",
        CompatibilityLevel.FullTransitive => "FULL_TRANSITIVE",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>Parses a wire name (case-insensitive, as Confluent's registry accepts it).</summary>
    public static bool TryParse(string? name, out CompatibilityLevel level)
    {
        level = CompatibilityLevel.Backward;
        foreach (var candidate in Enum.GetValues<CompatibilityLevel>())
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the level checks new data against old readers (FORWARD and FULL kinds).</summary>
    public static bool ChecksForward(this CompatibilityLevel level) =>
        level is CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;

    /// <summary>True when the level checks old data against the new reader (BACKWARD and FULL kinds).</summary>
    public static bool ChecksBackward(this CompatibilityLevel level) =>
        level is CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;

    /// <summary>True when the level checks every earlier version rather than only the latest.</summary>
    public static bool IsTransitive(this CompatibilityLevel level) =>
        level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.FullTransitive;
}
