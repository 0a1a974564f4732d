using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>The last few rows of one truck as entered, to recognise a row typed in twice.</summary>
internal sealed class RecentEntries(int capacity)
{
    private readonly Queue<TripRecord> _rows = new(capacity);

    /// <summary>
    /// The earlier row that <paramref name="row"/> repeats: same date and every entered value equal (trip id and entry
    /// time aside, which the log assigns), or null.
    /// </summary>
    public TripRecord? OriginalOf(TripRecord row)
    {
        TripRecord? original = null;
        foreach (var earlier in _rows)
        {
            if (SameEntry(earlier, row))
            {
                original = earlier;
            }
        }
        return original;
    }

    /// <summary>Remembers <paramref name="row"/>, forgetting the oldest beyond the capacity.</summary>
    public void Add(TripRecord row)
    {
        if (_rows.Count == capacity)
        {
            _rows.Dequeue();
        }
        _rows.Enqueue(row);
    }

    private static bool SameEntry(TripRecord a, TripRecord b) =>
        a.TripDate == b.TripDate && a.OdometerStartKm == b.OdometerStartKm && a.OdometerEndKm == b.OdometerEndKm
        && a.DistanceKm == b.DistanceKm && a.FuelLitres == b.FuelLitres && a.FuelCost == b.FuelCost && a.Toll == b.Toll
        && a.Revenue == b.Revenue && string.Equals(a.Origin, b.Origin, StringComparison.Ordinal)
        && string.Equals(a.Destination, b.Destination, StringComparison.Ordinal);
}
