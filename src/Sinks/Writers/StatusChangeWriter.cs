using Npgsql;
using NpgsqlTypes;
using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Writers;

/// <summary><c>status_changes</c>, keyed by (entity, metric, event time).</summary>
internal sealed class StatusChangeWriter() : TableWriter<StatusChange>("status_changes",
    "entity_id, metric, event_time, sensor_type, previous_level, level, value, threshold", keepsLastPerKey: true)
{
    protected override string MergeSql => UpsertKeepingLast("entity_id, metric, event_time");

    protected override void WriteRow(NpgsqlBinaryImporter importer, StatusChange row)
    {
        importer.Write(row.EntityId, NpgsqlDbType.Text);
        importer.Write(row.Metric, NpgsqlDbType.Text);
        importer.WriteUtc(row.EventTime);
        importer.Write(row.SensorType, NpgsqlDbType.Text);
        importer.WriteText(row.PreviousLevel is { } previous ? EnumNames.Of(previous) : null);
        importer.Write(EnumNames.Of(row.Level), NpgsqlDbType.Text);
        importer.Write(row.Value, NpgsqlDbType.Double);
        importer.WriteDouble(row.Threshold);
    }
}
