using Npgsql;
using NpgsqlTypes;

namespace SensorStream.Sinks.Writers;

/// <summary>
/// <c>thresholds</c>, one row per (sensor type, metric), following the compacted topic: the last change per key in a
/// batch wins; a tombstone deletes the row. Configuration changes are rare, so the batch is reduced in memory first.
/// </summary>
internal sealed class ThresholdWriter() : TableWriter<ThresholdChange>("thresholds",
    "sensor_type, metric, unit, warning_above, critical_above, warning_below, critical_below, updated_at", keepsLastPerKey: true)
{
    protected override string MergeSql => UpsertKeepingLast("sensor_type, metric");

    protected override void WriteRow(NpgsqlBinaryImporter importer, ThresholdChange row)
    {
        var config = row.Config!;
        importer.Write(config.SensorType, NpgsqlDbType.Text);
        importer.Write(config.Metric, NpgsqlDbType.Text);
        importer.Write(config.Unit, NpgsqlDbType.Text);
        importer.WriteDouble(config.WarningAbove);
        importer.WriteDouble(config.CriticalAbove);
        importer.WriteDouble(config.WarningBelow);
        importer.WriteDouble(config.CriticalBelow);
        importer.WriteUtc(config.UpdatedAt);
    }

    /// <summary>Applies <paramref name="rows"/> in order: upserts the last config per key, deletes keys whose last change is a removal.</summary>
    public override int Write(NpgsqlConnection connection, IReadOnlyList<ThresholdChange> rows)
    {
        var last = new Dictionary<(string, string), ThresholdChange>();
        foreach (var change in rows)
        {
            last[(change.SensorType, change.Metric)] = change;
        }
        var upserts = last.Values.Where(c => c.Config is not null).ToList();
        var removals = last.Values.Where(c => c.Config is null).ToList();
        var written = upserts.Count > 0 ? base.Write(connection, upserts) : 0;
        if (removals.Count > 0)
        {
            using var delete = new NpgsqlCommand("DELETE FROM thresholds t USING unnest($1, $2) AS r(sensor_type, metric) " +
                "WHERE t.sensor_type = r.sensor_type AND t.metric = r.metric", connection);
            delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. removals.Select(r => r.SensorType)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. removals.Select(r => r.Metric)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            written += delete.ExecuteNonQuery();
        }
        return written;
    }
}
