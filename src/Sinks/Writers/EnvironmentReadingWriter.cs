using Npgsql;
using NpgsqlTypes;
using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Writers;

/// <summary><c>environment_readings</c>, keyed by (sensor, event time); a re-delivered reading is ignored.</summary>
internal sealed class EnvironmentReadingWriter() : TableWriter<EnvironmentReading>("environment_readings",
    "sensor_id, loc_id, event_time, temperature_c, humidity_pct, perceived_temperature_c", keepsLastPerKey: false)
{
    public override bool CopiesDirectly => true;

    public override string? PartitionedTable => Table;

    public override DateTime TimeOf(EnvironmentReading row) => row.EventTime.UtcDateTime;

    protected override string MergeSql => InsertIgnoringDuplicates("sensor_id, event_time");

    protected override void WriteRow(NpgsqlBinaryImporter importer, EnvironmentReading row)
    {
        importer.Write(row.SensorId, NpgsqlDbType.Text);
        importer.Write(row.LocId, NpgsqlDbType.Text);
        importer.WriteUtc(row.EventTime);
        importer.Write(row.TemperatureC, NpgsqlDbType.Double);
        importer.Write(row.HumidityPct, NpgsqlDbType.Double);
        importer.WriteDouble(row.PerceivedTemperatureC);
    }
}
