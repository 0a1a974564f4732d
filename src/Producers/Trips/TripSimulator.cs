using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Publishing;
using SensorStream.Producers.Simulation;

namespace SensorStream.Producers.Trips;

/// <summary>
/// A truck owner's hand-typed trip log: each evening the day's trips are entered, truck by truck, with odometer
/// readings that continue from the previous trip (now and then a few unlogged kilometres in between), fuel matching
/// the truck's consumption, tolls on some routes and revenue by the kilometre. A share of rows carries an entry error
/// (<see cref="EntryError"/>), recorded with the correct value in the truth headers. Keyed by truck id.
/// </summary>
public sealed class TripSimulator(TripSimulationOptions options, int seed, DateOnly firstDay)
{
    private static readonly (string Field, double Weight)[] ErrorFields =
    [
        ("odometer_end_km", 0.30), ("odometer_start_km", 0.15), ("distance_km", 0.15), ("fuel_litres", 0.15), ("fuel_cost", 0.10), ("revenue", 0.15),
    ];

    /// <summary>Trip rows per second of event time, roughly (weekdays and weekends, duplicates included): the log's real-time rate.</summary>
    public static double RowsPerEventSecond(TripSimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perDay = options.Trucks * ((5 * options.TripsPerWeekday) + (2 * options.TripsPerWeekendDay)) / 7 * (1 + (options.ErrorRate / 4));
        return perDay / 86_400;
    }

    /// <summary>
    /// The latest first day at which the first <paramref name="count"/> rows are all entered by <paramref name="end"/>.
    /// The log depends on its first day only through the weekdays, so a log started whole weeks earlier is the same log
    /// shifted: it is generated once from a first day on <paramref name="end"/>'s weekday and moved back by as many
    /// weeks as its last entry overshoots. Exact, and cheap (the simulation makes ~1 M rows/s).
    /// </summary>
    public static DateOnly FirstDayEndingBy(TripSimulationOptions options, int seed, DateTimeOffset end, long count)
    {
        var trial = DateOnly.FromDateTime(end.UtcDateTime);
        var last = new TripSimulator(options, seed, trial).Events().Take((int)Math.Min(count, int.MaxValue)).Max(e => e.Timestamp);
        var overshoot = last - end;
        var weeks = overshoot <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(overshoot.TotalDays / 7);
        return trial.AddDays(-7 * weeks);
    }

    /// <summary>The endless log, in entry order.</summary>
    public IEnumerable<OutgoingEvent<TripRecord>> Events()
    {
        var random = new Random(Seeds.Derive(seed, 20));
        var trucks = Enumerable.Range(0, options.Trucks).Select(i => new TruckState(
            $"TRK-{i + 1:D2}", 2.8 + random.NextDouble(), Math.Round(80_000 + (320_000 * random.NextDouble())),
            City.All[i % City.All.Count], 1.6 + (0.8 * random.NextDouble()))).ToList();
        for (var day = firstDay; ; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var entries = new List<TripRecord>();
            foreach (var truck in trucks)
            {
                var trips = Poisson(random, weekend ? options.TripsPerWeekendDay : options.TripsPerWeekday);
                var enteredAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero).AddMinutes(random.Next(0, 120));
                for (var t = 0; t < trips; t++)
                {
                    entries.Add(NextTrip(truck, day, enteredAt, random));
                    enteredAt = enteredAt.AddMinutes(random.Next(2, 15));
                }
            }
            foreach (var row in entries.OrderBy(e => e.EnteredAt).ThenBy(e => e.TruckId, StringComparer.Ordinal))
            {
                foreach (var outgoing in Enter(row, random))
                {
                    yield return outgoing;
                }
            }
        }
    }

    private static TripRecord NextTrip(TruckState truck, DateOnly day, DateTimeOffset enteredAt, Random random)
    {
        var destination = City.All.Where(c => c != truck.Location).ElementAt(random.Next(City.All.Count - 1));
        var distance = Math.Round(truck.Location.RoadKmTo(destination) * (0.97 + (0.08 * random.NextDouble())));
        if (random.NextDouble() < 0.1)
        {
            truck.Odometer += random.Next(2, 26); // driven without a log entry (to the workshop, home)
        }
        var start = truck.Odometer;
        var end = start + distance;
        truck.Odometer = end;
        var fuel = Math.Round(distance / truck.KmPerLitre * (0.93 + (0.14 * random.NextDouble())), 1);
        var price = 1.45m + (decimal)Math.Round(0.3 * random.NextDouble(), 3);
        var toll = random.NextDouble() < 0.4 ? Math.Round((decimal)distance * (0.05m + (0.07m * (decimal)random.NextDouble())), 2) : 0m;
        var revenue = Math.Round(((decimal)distance * (decimal)truck.RatePerKm * (0.95m + (0.1m * (decimal)random.NextDouble()))) + 50m, 2);
        var hasOdometers = random.NextDouble() < 0.92;
        var hasDistance = !hasOdometers || random.NextDouble() < 0.7;
        var record = new TripRecord(truck.TruckId, NewGuid(random), day,
            hasOdometers ? start : null, hasOdometers ? end : null, hasDistance ? distance : null,
            fuel, Math.Round((decimal)fuel * price, 2), toll, revenue, truck.Location.Name, destination.Name, enteredAt);
        truck.Location = destination;
        return record;
    }

    /// <summary>The row as typed in: usually as is, sometimes with a mistake, sometimes twice.</summary>
    private IEnumerable<OutgoingEvent<TripRecord>> Enter(TripRecord truth, Random random)
    {
        var clean = Outgoing(truth, EntryError.None, null, null);
        if (random.NextDouble() >= options.ErrorRate)
        {
            yield return clean;
            yield break;
        }
        var kind = (EntryError)random.Next(1, 5);
        if (kind == EntryError.Duplicate)
        {
            yield return clean;
            var again = truth with { TripId = NewGuid(random), EnteredAt = truth.EnteredAt.AddMinutes(random.Next(1, 10)) };
            yield return Outgoing(again, EntryError.Duplicate, "row", truth.TripId.ToString());
            yield break;
        }
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var field = PickField(random);
            if (Mistype(truth, field, kind, random) is { } typed)
            {
                yield return Outgoing(typed.Record, kind, field, typed.CorrectValue);
                yield break;
            }
        }
        yield return clean;
    }

    private static string PickField(Random random)
    {
        var draw = random.NextDouble() * ErrorFields.Sum(f => f.Weight);
        foreach (var (field, weight) in ErrorFields)
        {
            if ((draw -= weight) < 0)
            {
                return field;
            }
        }
        return ErrorFields[^1].Field;
    }

    private static (TripRecord Record, string CorrectValue)? Mistype(TripRecord r, string field, EntryError kind, Random random)
    {
        (double? Value, int Decimals) current = field switch
        {
            "odometer_start_km" => (r.OdometerStartKm, 0),
            "odometer_end_km" => (r.OdometerEndKm, 0),
            "distance_km" => (r.DistanceKm, 0),
            "fuel_litres" => (r.FuelLitres, 1),
            "fuel_cost" => ((double?)r.FuelCost, 2),
            _ => ((double?)r.Revenue, 2),
        };
        if (current.Value is not { } value || TypoInjector.Apply(value, kind, current.Decimals, random) is not { } typed)
        {
            return null;
        }
        var record = field switch
        {
            "odometer_start_km" => r with { OdometerStartKm = typed },
            "odometer_end_km" => r with { OdometerEndKm = typed },
            "distance_km" => r with { DistanceKm = typed },
            "fuel_litres" => r with { FuelLitres = typed },
            "fuel_cost" => r with { FuelCost = (decimal)typed },
            _ => r with { Revenue = (decimal)typed },
        };
        return (record, TruthHeaders.Number(value));
    }

    private static OutgoingEvent<TripRecord> Outgoing(TripRecord record, EntryError error, string? field, string? correct)
    {
        var headers = new List<KeyValuePair<string, string>> { KeyValuePair.Create(TruthHeaders.Error, HeaderName(error)) };
        if (field is not null)
        {
            headers.Add(KeyValuePair.Create(TruthHeaders.Field, field));
            headers.Add(KeyValuePair.Create(TruthHeaders.Value, correct!));
        }
        return new OutgoingEvent<TripRecord>(record.TruckId, record, record.EnteredAt, headers);
    }

    /// <summary>The <c>truth-error</c> header value of an error kind.</summary>
    public static string HeaderName(EntryError error) => error switch
    {
        EntryError.DroppedDigit => "dropped-digit",
        EntryError.AdjacentKey => "adjacent-key",
        EntryError.Transposed => "transposed",
        EntryError.Duplicate => "duplicate",
        _ => "none",
    };

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout, deterministic content
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            product *= random.NextDouble();
            count++;
        }
        return count;
    }

    private sealed class TruckState(string truckId, double kmPerLitre, double odometer, City location, double ratePerKm)
    {
        public string TruckId { get; } = truckId;

        public double KmPerLitre { get; } = kmPerLitre;

        public double RatePerKm { get; } = ratePerKm;

        public double Odometer { get; set; } = odometer;

        public City Location { get; set; } = location;
    }
}
