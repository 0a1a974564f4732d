using Npgsql;
using NpgsqlTypes;

namespace SensorStream.Storage.Queries;

/// <summary>
/// The read side LiveHub serves: SQL over the tables the sink writes, the same on plain PostgreSQL and on TimescaleDB.
/// Every method validates its arguments first and throws <see cref="InvalidQueryException"/> naming the bad one.
/// Thread-safe; one instance per data source.
/// </summary>
public sealed class SensorQueries(NpgsqlDataSource dataSource, TimeProvider? clock = null)
{
    /// <summary>Largest N for <see cref="LatestBlocksAsync"/>.</summary>
    public const int MaxLatestPerMachine = 1_000;

    /// <summary>Largest point count for <see cref="RangeAsync"/>.</summary>
    public const int MaxPoints = 100_000;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// The latest <paramref name="perMachine"/> vibration blocks of every machine (or of <paramref name="machineId"/>),
    /// newest first, among blocks in the <paramref name="lookback"/> (default 24 h) before <paramref name="before"/>
    /// (default now) — the bound lets PostgreSQL read only the recent partitions or chunks.
    /// </summary>
    public async Task<IReadOnlyList<VibrationBlockSummary>> LatestBlocksAsync(int perMachine, string? machineId = null, DateTimeOffset? before = null,
        TimeSpan? lookback = null, CancellationToken cancellationToken = default)
    {
        if (perMachine is < 1 or > MaxLatestPerMachine)
        {
            throw new InvalidQueryException("n", $"n must be between 1 and {MaxLatestPerMachine}, not {perMachine}");
        }
        var window = lookback ?? TimeSpan.FromHours(24);
        if (window <= TimeSpan.Zero)
        {
            throw new InvalidQueryException("lookback", "lookback must be positive");
        }
        var until = before ?? _clock.GetUtcNow();
        const string sql = """
            SELECT machine_id, sensor_id, event_time, sample_rate_hz, shaft_speed_rpm, samples
            FROM (
                SELECT b.*, row_number() OVER (PARTITION BY b.machine_id ORDER BY b.event_time DESC, b.sensor_id) AS rank
                FROM vibration_blocks b
                WHERE b.event_time >= $1 AND b.event_time < $2 AND ($3::text IS NULL OR b.machine_id = $3)
            ) ranked
            WHERE rank <= $4
            ORDER BY machine_id, event_time DESC, sensor_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(Utc(until - window));
        command.Parameters.Add(Utc(until));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)machineId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = perMachine });
        var blocks = new List<VibrationBlockSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var samples = reader.GetFieldValue<float[]>(5);
            blocks.Add(new VibrationBlockSummary(reader.GetString(0), reader.GetString(1), Time(reader, 2), reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4), Rms(samples), samples));
        }
        return blocks;
    }

    /// <summary>
    /// The samples of one machine sensor in [<paramref name="from"/>, <paramref name="to"/>), reduced to at most
    /// <paramref name="maxPoints"/> points of equal time buckets (min/max/avg each, so peaks survive).
    /// </summary>
    public async Task<IReadOnlyList<SeriesPoint>> RangeAsync(string machineId, string sensorId, DateTimeOffset from, DateTimeOffset to, int maxPoints,
        CancellationToken cancellationToken = default)
    {
        Required(machineId, "machine");
        Required(sensorId, "sensor");
        if (to <= from)
        {
            throw new InvalidQueryException("to", $"to ({to:O}) must be after from ({from:O})");
        }
        if (maxPoints is < 1 or > MaxPoints)
        {
            throw new InvalidQueryException("points", $"points must be between 1 and {MaxPoints}, not {maxPoints}");
        }
        // Bucket width rounded up to whole microseconds (PostgreSQL's resolution), so the buckets never exceed maxPoints.
        var widthMicros = Math.Max(1, (long)Math.Ceiling((to - from).Ticks / 10.0 / maxPoints));
        // Blocks are short (256 samples at 2 560 Hz = 0.1 s); one starting up to a minute before `from` may still reach into it.
        const string sql = """
            SELECT CASE WHEN count(*) = 1 THEN min(sample_time) ELSE bucket END AS time, count(*), min(value), max(value), avg(value)
            FROM (
                SELECT date_bin(make_interval(secs => $5 / 1e6), t.sample_time, $3) AS bucket, t.sample_time, t.value
                FROM (
                    SELECT b.event_time + make_interval(secs => (s.ordinality - 1) / b.sample_rate_hz) AS sample_time, s.value::float8 AS value
                    FROM vibration_blocks b
                    CROSS JOIN LATERAL unnest(b.samples) WITH ORDINALITY AS s(value, ordinality)
                    WHERE b.machine_id = $1 AND b.sensor_id = $2 AND b.event_time >= $3 - INTERVAL '1 minute' AND b.event_time < $4
                ) t
                WHERE t.sample_time >= $3 AND t.sample_time < $4
            ) binned
            GROUP BY bucket
            ORDER BY bucket
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = machineId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sensorId });
        command.Parameters.Add(Utc(from));
        command.Parameters.Add(Utc(to));
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = widthMicros });
        var points = new List<SeriesPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            points.Add(new SeriesPoint(Time(reader, 0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4)));
        }
        return points;
    }

    /// <summary>
    /// Hourly MIN/MAX/AVG and status of one location-tree entity (<paramref name="entityType"/> <c>location</c> for a
    /// loc_id, or <c>floor</c>, <c>building</c>, <c>factory</c>) over <paramref name="period"/>, from the processors'
    /// 1-hour windows; all metrics unless <paramref name="metric"/> names one. Ordered by hour, then metric.
    /// </summary>
    public async Task<IReadOnlyList<HourlyAggregate>> HourlyAsync(string entityType, string entityId, DatePeriod period, string? metric = null,
        CancellationToken cancellationToken = default)
    {
        if (entityType is not ("location" or "floor" or "building" or "factory"))
        {
            throw new InvalidQueryException("level", $"level '{entityType}' is not one of location, floor, building, factory");
        }
        Required(entityId, "id");
        const string sql = """
            SELECT entity_id, metric, window_start, count, min, max, avg, status
            FROM window_aggregates
            WHERE entity_type = $1 AND entity_id = $2 AND window_start >= $3 AND window_start < $4
              AND window_end = window_start + INTERVAL '1 hour' AND ($5::text IS NULL OR metric = $5)
            ORDER BY window_start, metric
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entityType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entityId });
        command.Parameters.Add(Utc(period.Start));
        command.Parameters.Add(Utc(period.End));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)metric ?? DBNull.Value });
        var hours = new List<HourlyAggregate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            hours.Add(new HourlyAggregate(reader.GetString(0), reader.GetString(1), Time(reader, 2), reader.GetInt64(3), reader.GetDouble(4), reader.GetDouble(5),
                reader.GetDouble(6), reader.GetString(7)));
        }
        return hours;
    }

    /// <summary>
    /// Every environment sensor of the part of the tree the filters select (any combination; none = all; building and
    /// floor by their name in the locations file, <c>B1</c>, or by the id on <c>metrics.windows</c>, <c>F1-B1</c>), with its
    /// latest reading and latest status per metric; readings older than <paramref name="staleAfter"/> (default 2 min)
    /// are flagged stale. Ordered factory → building → floor → location → sensor.
    /// </summary>
    public async Task<IReadOnlyList<SensorSnapshot>> SnapshotAsync(string? factory = null, string? building = null, string? floor = null, string? locId = null,
        TimeSpan? staleAfter = null, CancellationToken cancellationToken = default)
    {
        var staleness = staleAfter ?? TimeSpan.FromMinutes(2);
        if (staleness <= TimeSpan.Zero)
        {
            throw new InvalidQueryException("stale_after", "stale_after must be positive");
        }
        const string sql = """
            SELECT l.sensor_id, l.factory, l.building, l.floor, l.loc_id, l.sensor_type,
                   r.event_time, r.temperature_c, r.humidity_pct, r.perceived_temperature_c, s.metrics, s.levels
            FROM locations l
            LEFT JOIN LATERAL (
                SELECT event_time, temperature_c, humidity_pct, perceived_temperature_c
                FROM environment_readings er
                WHERE er.sensor_id = l.sensor_id
                ORDER BY er.event_time DESC
                LIMIT 1
            ) r ON true
            LEFT JOIN LATERAL (
                SELECT array_agg(latest.metric) AS metrics, array_agg(latest.level) AS levels
                FROM (
                    SELECT DISTINCT ON (sc.metric) sc.metric, sc.level
                    FROM status_changes sc
                    WHERE sc.entity_id = l.sensor_id
                    ORDER BY sc.metric, sc.event_time DESC
                ) latest
            ) s ON true
            WHERE ($1::text IS NULL OR l.factory = $1)
              AND ($2::text IS NULL OR l.building = $2 OR l.factory || '-' || l.building = $2)
              AND ($3::text IS NULL OR l.floor = $3 OR l.factory || '-' || l.building || '-' || l.floor = $3)
              AND ($4::text IS NULL OR l.loc_id = $4)
            ORDER BY l.factory, l.building, l.floor, l.loc_id, l.sensor_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        foreach (var filter in new[] { factory, building, floor, locId })
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)filter ?? DBNull.Value });
        }
        var now = _clock.GetUtcNow();
        var sensors = new List<SensorSnapshot>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            DateTimeOffset? readingTime = reader.IsDBNull(6) ? null : Time(reader, 6);
            var status = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!reader.IsDBNull(10))
            {
                var metrics = reader.GetFieldValue<string[]>(10);
                var levels = reader.GetFieldValue<string[]>(11);
                for (var i = 0; i < metrics.Length; i++)
                {
                    status[metrics[i]] = levels[i];
                }
            }
            sensors.Add(new SensorSnapshot(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                readingTime, NullableDouble(reader, 7), NullableDouble(reader, 8), NullableDouble(reader, 9), status,
                readingTime is null || now - readingTime > staleness));
        }
        return sensors;
    }

    /// <summary>
    /// Per truck (or only <paramref name="truckId"/>) and calendar month of the trip date within
    /// <paramref name="period"/> (all time when null): totals as typed and with accepted corrections.
    /// </summary>
    public async Task<IReadOnlyList<TripMonthSummary>> TripSummariesAsync(string? truckId = null, DatePeriod? period = null, CancellationToken cancellationToken = default)
    {
        const string sql = """
            WITH raw AS (
                SELECT truck_id, date_trunc('month', trip_date)::date AS month, count(*) AS trips,
                       coalesce(sum(distance_km), 0) AS distance, coalesce(sum(fuel_litres), 0) AS fuel,
                       coalesce(sum(revenue), 0) AS revenue, coalesce(sum(coalesce(fuel_cost, 0) + coalesce(toll, 0)), 0) AS cost
                FROM trips
                WHERE ($1::text IS NULL OR truck_id = $1) AND ($2::date IS NULL OR trip_date >= $2) AND ($3::date IS NULL OR trip_date < $3)
                GROUP BY 1, 2
            ), corrected AS (
                SELECT truck_id, date_trunc('month', trip_date)::date AS month, count(*) AS trips,
                       coalesce(sum(distance_km), 0) AS distance, coalesce(sum(fuel_litres), 0) AS fuel,
                       coalesce(sum(revenue), 0) AS revenue, coalesce(sum(coalesce(fuel_cost, 0) + coalesce(toll, 0)), 0) AS cost
                FROM trips_corrected
                WHERE NOT is_duplicate
                  AND ($1::text IS NULL OR truck_id = $1) AND ($2::date IS NULL OR trip_date >= $2) AND ($3::date IS NULL OR trip_date < $3)
                GROUP BY 1, 2
            )
            SELECT raw.truck_id, raw.month, raw.trips, raw.distance, raw.fuel, raw.revenue, raw.cost,
                   coalesce(c.trips, 0), coalesce(c.distance, 0), coalesce(c.fuel, 0), coalesce(c.revenue, 0), coalesce(c.cost, 0)
            FROM raw
            LEFT JOIN corrected c ON c.truck_id = raw.truck_id AND c.month = raw.month
            ORDER BY raw.truck_id, raw.month
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)truckId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = period is { } p ? DateOnly.FromDateTime(p.Start.UtcDateTime) : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = period is { } q ? DateOnly.FromDateTime(q.End.UtcDateTime) : DBNull.Value });
        var months = new List<TripMonthSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            months.Add(new TripMonthSummary(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), Totals(reader, 2), Totals(reader, 7)));
        }
        return months;
    }

    private static TripTotals Totals(NpgsqlDataReader reader, int first)
    {
        var (trips, distance, fuel, revenue, cost) = (reader.GetInt64(first), reader.GetDouble(first + 1), reader.GetDouble(first + 2), reader.GetDecimal(first + 3),
            reader.GetDecimal(first + 4));
        return new TripTotals(trips, distance, fuel, revenue, cost, fuel > 0 ? distance / fuel : null, distance > 0 ? cost / (decimal)distance : null);
    }

    private static void Required(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidQueryException(name, $"{name} is required");
        }
    }

    private static double Rms(float[] samples)
    {
        var sum = 0.0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }
        return samples.Length == 0 ? 0 : Math.Sqrt(sum / samples.Length);
    }

    private static NpgsqlParameter<DateTime> Utc(DateTimeOffset time) => new() { TypedValue = time.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static DateTimeOffset Time(NpgsqlDataReader reader, int ordinal) => new(reader.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);

    private static double? NullableDouble(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
