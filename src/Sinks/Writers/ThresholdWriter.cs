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
    // Set by Copy, used by AddFollowUps of the same batch (a writer serves one sink thread).
    private List<ThresholdChange> _removals = [];

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

    /// <summary>Reduces <paramref name="rows"/> to the last change per key, copies the upserts and keeps the removals for <see cref="AddFollowUps"/>.</summary>
    public override void Copy(NpgsqlConnection connection, IReadOnlyList<ThresholdChange> rows)
    {
        var last = new Dictionary<(string, string), ThresholdChange>();
        foreach (var change in rows)
        {
            last[(change.SensorType, change.Metric)] = change;
        }
        _removals = [.. last.Values.Where(c => c.Config is null)];
        base.Copy(connection, [.. last.Values.Where(c => c.Config is not null)]);
    }

    protected override void AddFollowUps(NpgsqlBatch batch)
    {
        if (_removals.Count == 0)
        {
            return;
        }
        var delete = new NpgsqlBatchCommand("DELETE FROM thresholds t USING unnest($1, $2) AS r(sensor_type, metric) " +
            "WHERE t.sensor_type = r.sensor_type AND t.metric = r.metric");
        delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _removals.Select(r => r.SensorType)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _removals.Select(r => r.Metric)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        batch.BatchCommands.Add(delete);
    }
}
