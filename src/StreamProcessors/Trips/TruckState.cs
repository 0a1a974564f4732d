using SensorStream.StreamProcessors.Anomalies.Trips;

namespace SensorStream.StreamProcessors.Trips;

/// <summary>What the trip processor keeps per truck: its checker, and where its recent rows sit on the partition.</summary>
internal sealed class TruckState(TripEntryChecker checker)
{
    /// <summary>The truck's entry checker.</summary>
    public TripEntryChecker Checker { get; } = checker;

    /// <summary>Offsets of the truck's most recent rows, oldest first (a restart replays from the oldest).</summary>
    public Queue<long> RecentOffsets { get; } = new();

    /// <summary>Entry time of the truck's latest row.</summary>
    public DateTimeOffset LastEnteredAt { get; set; }

    /// <summary>Whether rows may be waiting in the checker (false once flushed, until the next row).</summary>
    public bool MayBeWaiting { get; set; }
}
