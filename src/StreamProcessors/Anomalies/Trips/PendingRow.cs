using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>A row accepted but not yet decided, and how many rows (duplicates included) have arrived since.</summary>
internal sealed class PendingRow(TripRecord record)
{
    /// <summary>The row as entered.</summary>
    public TripRecord Record { get; } = record;

    /// <summary>Its values.</summary>
    public TripValues Values { get; } = TripValues.Of(record);

    /// <summary>Rows accepted after it.</summary>
    public int ArrivedSince { get; set; }
}
