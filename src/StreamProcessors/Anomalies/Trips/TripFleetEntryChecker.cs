using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// One <see cref="TripEntryChecker"/> per truck, created on the truck's first row: for a consumer that owns several
/// partitions of <c>trips.records</c> (keyed by truck id), or for replaying a whole log. Rows of different trucks do
/// not affect each other, so only each truck's own order matters.
/// </summary>
internal sealed class TripFleetEntryChecker(TripEntryCheckerOptions? options = null)
{
    private readonly TripEntryCheckerOptions _options = options ?? new TripEntryCheckerOptions();
    private readonly Dictionary<string, TripEntryChecker> _trucks = new(StringComparer.Ordinal);

    /// <summary>Trucks seen so far.</summary>
    public int Trucks => _trucks.Count;

    /// <summary>Routes <paramref name="record"/> to its truck's checker; see <see cref="TripEntryChecker.Accept"/>.</summary>
    public IReadOnlyList<TripEntryFinding> Accept(TripRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_trucks.TryGetValue(record.TruckId, out var checker))
        {
            checker = new TripEntryChecker(record.TruckId, _options);
            _trucks.Add(record.TruckId, checker);
        }
        return checker.Accept(record);
    }

    /// <summary>Decides every truck's waiting row (trucks in ordinal order of id); see <see cref="TripEntryChecker.Flush"/>.</summary>
    public IReadOnlyList<TripEntryFinding> Flush() =>
        [.. _trucks.OrderBy(t => t.Key, StringComparer.Ordinal).SelectMany(t => t.Value.Flush())];
}
