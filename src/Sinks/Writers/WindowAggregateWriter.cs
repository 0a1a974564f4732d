using Npgsql;
using NpgsqlTypes;
using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Writers;

/// <summary>
/// <c>window_aggregates</c>, keyed by (entity, entity type, metric, window start, window end). A window re-emitted
/// with late data replaces the earlier emission.
/// </summary>
internal sealed class WindowAggregateWriter() : TableWriter<WindowAggregate>("window_aggregates",
    "entity_id, entity_type, metric, window_start, window_end, count, min, max, avg, late_count, rms, status", keepsLastPerKey: true)
{
    public override string? PartitionedTable => Table;

    public override DateTime TimeOf(WindowAggregate row) => row.WindowStart.UtcDateTime;

    protected override string MergeSql => UpsertKeepingLast("entity_id, entity_type, metric, window_start, window_end");

    protected override void WriteRow(NpgsqlBinaryImporter importer, WindowAggregate row)
    {
        importer.Write(row.EntityId, NpgsqlDbType.Text);
        importer.Write(row.EntityType, NpgsqlDbType.Text);
        importer.Write(row.Metric, NpgsqlDbType.Text);
        importer.WriteUtc(row.WindowStart);
        importer.WriteUtc(row.WindowEnd);
        importer.Write(row.Count, NpgsqlDbType.Bigint);
        importer.Write(row.Min, NpgsqlDbType.Double);
        importer.Write(row.Max, NpgsqlDbType.Double);
        importer.Write(row.Avg, NpgsqlDbType.Double);
        importer.Write(row.LateCount, NpgsqlDbType.Bigint);
        importer.WriteDouble(row.Rms);
        importer.Write(EnumNames.Of(row.Status), NpgsqlDbType.Text);
    }
}
