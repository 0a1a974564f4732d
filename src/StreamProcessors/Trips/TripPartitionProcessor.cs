using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.StreamProcessors.Anomalies.Trips;
using SensorStream.StreamProcessors.Runtime;

namespace SensorStream.StreamProcessors.Trips;

/// <summary>
/// One partition of <c>trips.records</c> (keyed by truck): each truck's rows go through its own
/// <see cref="TripEntryChecker"/>, and every suspected hand-typing mistake (dropped digit, adjacent keypad key,
/// transposed digits, duplicate row) goes to <c>anomalies</c> with the suggested value. Anomaly ids derive from trip,
/// kind and field, so the findings a replay repeats overwrite themselves downstream. Commits hold back to each active
/// truck's last <see cref="TripsProcessingOptions.ReplayRows"/> rows, so a restart rebuilds the trucks' histories
/// rather than checking them cold.
/// </summary>
internal sealed class TripPartitionProcessor : PartitionProcessor<TripRecord>
{
    // Odometers of road trucks stay far below this; beyond it (or below zero) the row is corrupt, not mistyped.
    private const double MaxKm = 10_000_000;
    private const double MaxLitres = 100_000;
    private const decimal MaxMoney = 100_000_000m;

    private readonly TripsProcessingOptions _options;
    private readonly TripEntryCheckerOptions _checkerOptions;
    private readonly Dictionary<string, TruckState> _trucks = new(StringComparer.Ordinal);
    private DateTimeOffset _newestEntry = DateTimeOffset.MinValue;

    public TripPartitionProcessor(ProcessorContext context, TripsProcessingOptions options)
        : base(context)
    {
        _options = options;
        _checkerOptions = new TripEntryCheckerOptions { ReportThreshold = options.ReportThreshold };
    }

    /// <summary>Trucks seen on this partition.</summary>
    public int Trucks => _trucks.Count;

    protected override long SafeCommitOffset(long next)
    {
        var safe = next;
        // Before the first valid trip (only dead letters so far) no truck holds anything back; and a clamp rather than a
        // subtraction, since an entry time near DateTimeOffset.MinValue minus a span is not representable.
        var activeSince = Earlier(_newestEntry, _options.InactiveAfter);
        foreach (var truck in _trucks.Values)
        {
            if ((truck.LastEnteredAt >= activeSince || truck.MayBeWaiting) && truck.RecentOffsets.TryPeek(out var oldest))
            {
                safe = Math.Min(safe, oldest);
            }
        }
        return safe;
    }

    protected override string? Validate(TripRecord value) =>
        string.IsNullOrWhiteSpace(value.TruckId) ? "truck_id is empty"
        : value.TripId == Guid.Empty ? "trip_id is empty"
        : EventValidation.EventTimeProblem(value.EnteredAt, Context.Clock.GetUtcNow())
        ?? Range("odometer_start_km", value.OdometerStartKm, MaxKm)
        ?? Range("odometer_end_km", value.OdometerEndKm, MaxKm)
        ?? Range("distance_km", value.DistanceKm, MaxKm)
        ?? Range("fuel_litres", value.FuelLitres, MaxLitres)
        ?? Range("fuel_cost", (double?)value.FuelCost, (double)MaxMoney)
        ?? Range("toll", (double?)value.Toll, (double)MaxMoney)
        ?? Range("revenue", (double?)value.Revenue, (double)MaxMoney);

    private static string? Range(string name, double? value, double max) =>
        value is { } v ? EventValidation.RangeProblem(name, v, 0, max) : null;

    protected override void Handle(SourceRecord record, TripRecord trip, Action<OutputRecord> emit)
    {
        if (!_trucks.TryGetValue(trip.TruckId, out var truck))
        {
            _trucks[trip.TruckId] = truck = new TruckState(new TripEntryChecker(trip.TruckId, _checkerOptions));
        }
        truck.RecentOffsets.Enqueue(record.Offset);
        // Two rows are the most the checker leaves undecided; they must be replayed whatever ReplayRows says.
        while (truck.RecentOffsets.Count > Math.Max(_options.ReplayRows, 3))
        {
            truck.RecentOffsets.Dequeue();
        }
        truck.LastEnteredAt = trip.EnteredAt;
        truck.MayBeWaiting = true;
        Emit(truck.Checker.Accept(trip), emit);
        if (trip.EnteredAt > _newestEntry)
        {
            _newestEntry = trip.EnteredAt;
            DecideStaleRows(emit);
        }
    }

    // Trip processing runs on entry time, not the wall clock, so a replay decides exactly as the first run did.
    protected override void OnTick(DateTimeOffset now, Action<OutputRecord> emit)
    {
    }

    private void DecideStaleRows(Action<OutputRecord> emit)
    {
        var staleBefore = Earlier(_newestEntry, _options.DecideAfter);
        foreach (var (_, truck) in _trucks.Where(t => t.Value.MayBeWaiting && t.Value.LastEnteredAt < staleBefore).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            Emit(truck.Checker.Flush(), emit);
            truck.MayBeWaiting = false;
        }
    }

    private static DateTimeOffset Earlier(DateTimeOffset time, TimeSpan by) =>
        time.UtcTicks - DateTimeOffset.MinValue.UtcTicks <= by.Ticks ? DateTimeOffset.MinValue : time - by;

    private void Emit(IReadOnlyList<TripEntryFinding> findings, Action<OutputRecord> emit)
    {
        foreach (var finding in findings)
        {
            Context.Counters.AnomalyFlagged();
            emit(Context.Codec.Output(Topics.Anomalies, finding.TruckId, finding.ToAnomaly(), finding.EnteredAt));
        }
    }
}
