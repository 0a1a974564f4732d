using Npgsql;
using NpgsqlTypes;
using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Writers;

/// <summary><c>trips</c> as entered, keyed by (truck, trip id); corrections live apart in <c>trip_corrections</c>.</summary>
internal sealed class TripRecordWriter() : TableWriter<TripRecord>("trips",
    "truck_id, trip_id, trip_date, odometer_start_km, odometer_end_km, distance_km, fuel_litres, fuel_cost, toll, revenue, origin, destination, entered_at",
    keepsLastPerKey: false)
{
    public override bool CopiesDirectly => true;

    protected override string MergeSql => InsertIgnoringDuplicates("truck_id, trip_id");

    protected override void WriteRow(NpgsqlBinaryImporter importer, TripRecord row)
    {
        importer.Write(row.TruckId, NpgsqlDbType.Text);
        importer.Write(row.TripId, NpgsqlDbType.Uuid);
        importer.Write(row.TripDate, NpgsqlDbType.Date);
        importer.WriteDouble(row.OdometerStartKm);
        importer.WriteDouble(row.OdometerEndKm);
        importer.WriteDouble(row.DistanceKm);
        importer.WriteDouble(row.FuelLitres);
        importer.WriteNumeric(row.FuelCost);
        importer.WriteNumeric(row.Toll);
        importer.WriteNumeric(row.Revenue);
        importer.Write(row.Origin, NpgsqlDbType.Text);
        importer.Write(row.Destination, NpgsqlDbType.Text);
        importer.WriteUtc(row.EnteredAt);
    }
}
