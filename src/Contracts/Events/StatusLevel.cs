namespace SensorStream.Contracts.Events;

/// <summary>Threshold level of a metric; Avro enum <c>sensorstream.v1.StatusLevel</c> (same order as its symbols).</summary>
public enum StatusLevel
{
    /// <summary>What an older reader sees for a level added after it was built.</summary>
    Unknown,

    /// <summary>Within all thresholds.</summary>
    Normal,

    /// <summary>Past a warning threshold.</summary>
    Warning,

    /// <summary>Past a critical threshold.</summary>
    Critical,
}
