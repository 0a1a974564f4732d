namespace SensorStream.Producers.Trips;

/// <summary>The hand-typing mistakes the trip simulator injects (and the names used in the <c>truth-error</c> header).</summary>
public enum EntryError
{
    /// <summary>Entered correctly.</summary>
    None,

    /// <summary>One digit left out: 12500 typed as 1250.</summary>
    DroppedDigit,

    /// <summary>A neighbouring key on a numeric keypad: 5 typed as 4, 6, 2 or 8.</summary>
    AdjacentKey,

    /// <summary>Two neighbouring digits swapped: 1250 typed as 1520.</summary>
    Transposed,

    /// <summary>The same row typed in twice.</summary>
    Duplicate,
}
