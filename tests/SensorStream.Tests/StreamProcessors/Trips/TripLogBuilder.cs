using SensorStream.Contracts.Events;

namespace SensorStream.Tests.StreamProcessors.Trips;

/// <summary>
/// Hand-built, consistent trip rows for one truck: odometer continuing from the last trip, 3.3 km per litre ± 5 %,
/// pump prices 1.500–1.700 in tenths of a cent, revenue 50 + 2 per km ± 3 %. Tests then break one value on purpose.
/// </summary>
internal sealed class TripLogBuilder(double odometerKm, int seed = 7)
{
    public const string Truck = "TRK-T1";
    private static readonly string[] Cities = ["Rotterdam", "Antwerp", "Cologne", "Lille"];
    private readonly Random _random = new(seed);
    private DateOnly _day = new(2026, 3, 2);
    private int _trip;

    public double OdometerKm { get; private set; } = odometerKm;

    /// <summary>The next clean row: <paramref name="km"/> driven (random 150–449 when null) after <paramref name="gapKm"/> unlogged.</summary>
    public TripRecord Next(double? km = null, double gapKm = 0, bool withDistance = true, bool withOdometers = true)
    {
        var distance = km ?? (150 + _random.Next(300));
        var start = OdometerKm + gapKm;
        var end = start + distance;
        OdometerKm = end;
        var fuel = Math.Round(distance / 3.3 * (0.95 + (0.1 * _random.NextDouble())), 1);
        var price = 1.5m + (_random.Next(201) / 1000m);
        var revenue = Math.Round(50m + ((decimal)distance * 2m * (0.97m + (0.06m * (decimal)_random.NextDouble()))), 2);
        _trip++;
        if (_trip % 2 == 0)
        {
            _day = _day.AddDays(1);
        }
        return new TripRecord(Truck, Id(_trip), _day, withOdometers ? start : null, withOdometers ? end : null, withDistance ? distance : null,
            fuel, Math.Round((decimal)fuel * price, 2), 0m, revenue, Cities[_trip % 4], Cities[(_trip + 1) % 4],
            new DateTimeOffset(_day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero).AddMinutes(_trip % 2 * 10));
    }

    /// <summary><paramref name="count"/> clean rows of 200, 250, 300, 350 and 400 km in turn (300 km a row on average).</summary>
    public List<TripRecord> History(int count) => [.. Enumerable.Range(0, count).Select(i => Next(km: 200 + (i % 5 * 50)))];

    private static Guid Id(int trip) => new($"00000000-0000-4000-8000-{trip:D12}");
}
