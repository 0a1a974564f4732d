namespace SensorStream.Contracts.Events;

/// <summary>Machine condition from vibration; Avro enum <c>sensorstream.v1.VibrationFault</c> (same order as its symbols).</summary>
public enum VibrationFault
{
    /// <summary>What an older reader sees for a class added after it was built.</summary>
    Unknown,

    /// <summary>Condition 0: normal operation.</summary>
    Normal,

    /// <summary>Condition 1: mass unbalance.</summary>
    MassUnbalance,

    /// <summary>Condition 2: support looseness.</summary>
    SupportLooseness,

    /// <summary>Condition 3: unbalance and looseness together.</summary>
    UnbalanceAndLooseness,
}
