namespace SensorStream.Contracts.Events;

/// <summary>Kind of anomaly; Avro enum <c>sensorstream.v1.AnomalyKind</c> (same order as its symbols).</summary>
public enum AnomalyKind
{
    /// <summary>What an older reader sees for a kind added after it was built.</summary>
    Unknown,

    /// <summary>Far from the entity's recent distribution.</summary>
    StatisticalOutlier,

    /// <summary>A digit was dropped on entry (12500 typed as 1250).</summary>
    DroppedDigit,

    /// <summary>A neighbouring key on a numeric keypad was hit (5 typed as 4, 6, 2 or 8).</summary>
    AdjacentKeyTypo,

    /// <summary>Two digits were swapped on entry.</summary>
    TransposedDigits,

    /// <summary>The same row was entered twice.</summary>
    DuplicateRow,
}
