using Npgsql;
using NpgsqlTypes;

namespace SensorStream.Storage.Migrations;

/// <summary>
/// Keeps the plain path's range partitions ahead of the data: at start and every maintenance interval it creates
/// partitions from now to now + lookahead, and before a batch whose times fall outside what it has already ensured
/// (a replay of old data, a clock far ahead) it creates those too. What it ensured is remembered per table, so the
/// common batch costs a comparison, not a round trip.
/// </summary>
internal sealed class TimePartitions
{
    /// <summary>The partitioned tables and their partition size (true: a day, false: a month), as in migration 2.</summary>
    public static IReadOnlyDictionary<string, bool> Tables { get; } = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["vibration_blocks"] = true,
        ["environment_readings"] = true,
        ["window_aggregates"] = false,
        ["vibration_diagnoses"] = false,
    };

    private readonly Dictionary<string, List<(DateTime From, DateTime To)>> _ensured = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Creates every table's partitions from <paramref name="now"/> to <paramref name="now"/> + <paramref name="lookahead"/>; returns how many were created.</summary>
    public int EnsureAhead(NpgsqlConnection connection, DateTime now, TimeSpan lookahead)
    {
        var created = 0;
        foreach (var (table, daily) in Tables)
        {
            created += Ensure(connection, table, Floor(now, daily), Next(Floor(now + lookahead, daily), daily));
        }
        return created;
    }

    /// <summary>
    /// Creates the partitions <paramref name="table"/> needs for <paramref name="rows"/> (their times, UTC, from <paramref name="timeOf"/>) that fall outside
    /// what was already ensured: one call per run of consecutive missing partitions, so a replay mixing old and new
    /// data creates the partitions it needs and not every one in between.
    /// </summary>
    public int Ensure<TRow>(NpgsqlConnection connection, string table, IReadOnlyList<TRow> rows, Func<TRow, DateTime> timeOf)
    {
        var daily = Tables[table];
        SortedSet<DateTime>? missing = null;
        lock (_lock)
        {
            var ranges = _ensured.GetValueOrDefault(table);
            for (var i = 0; i < rows.Count; i++)
            {
                var time = timeOf(rows[i]);
                if (ranges is null || !Covered(ranges, time))
                {
                    (missing ??= []).Add(Floor(time, daily));
                }
            }
        }
        if (missing is null)
        {
            return 0;
        }
        var created = 0;
        var runStart = missing.Min;
        var runEnd = Next(runStart, daily);
        foreach (var bucket in missing.Skip(1))
        {
            if (bucket != runEnd)
            {
                created += Ensure(connection, table, runStart, runEnd);
                runStart = bucket;
            }
            runEnd = Next(bucket, daily);
        }
        return created + Ensure(connection, table, runStart, runEnd);
    }

    private int Ensure(NpgsqlConnection connection, string table, DateTime from, DateTime to)
    {
        // Its own transaction: a partition is harmless if the batch that needed it fails, and must not vanish with it.
        using var command = new NpgsqlCommand("SELECT ensure_time_partitions($1, $2, $3)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = from, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = to.AddTicks(-10), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var created = (int)command.ExecuteScalar()!;
        lock (_lock)
        {
            if (!_ensured.TryGetValue(table, out var ranges))
            {
                _ensured[table] = ranges = [];
            }
            ranges.Add((from, to));
        }
        return created;
    }

    private static bool Covered(List<(DateTime From, DateTime To)> ranges, DateTime time)
    {
        foreach (var (from, to) in ranges)
        {
            if (from <= time && time < to)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Forgets every partition ensured so far (one of them was dropped); the next batches ensure theirs again.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _ensured.Clear();
        }
    }

    private static DateTime Floor(DateTime time, bool daily) => daily
        ? new DateTime(time.Year, time.Month, time.Day, 0, 0, 0, DateTimeKind.Utc)
        : new DateTime(time.Year, time.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime Next(DateTime bucket, bool daily) => daily ? bucket.AddDays(1) : bucket.AddMonths(1);
}
