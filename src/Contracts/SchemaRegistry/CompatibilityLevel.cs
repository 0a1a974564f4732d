namespace SensorStream.Contracts.SchemaRegistry;

/// <summary>
/// Schema Registry compatibility levels, as Confluent defines them. "Backward": the new schema reads data of the previous one
/// (consumers upgrade first); "forward": the previous schema reads data of the new one (producers upgrade first); "full":
/// both; "transitive": against every earlier version, not only the latest.
/// </summary>
public enum CompatibilityLevel
{
    /// <summary>No check.</summary>
    None,

    /// <summary>The new schema can read data written with the latest version (the registry default).</summary>
    Backward,

    /// <summary>The new schema can read data written with every earlier version.</summary>
    BackwardTransitive,

    /// <summary>The latest version can read data written with the new schema.</summary>
    Forward,

    /// <summary>Every earlier version can read data written with the new schema.</summary>
    ForwardTransitive,

    /// <summary>Backward and forward against the latest version.</summary>
    Full,

    /// <summary>Backward and forward against every earlier version.</summary>
    FullTransitive,
}
