using Npgsql;
using NpgsqlTypes;
using SensorStream.Contracts.Locations;

namespace SensorStream.Storage.Migrations;

/// <summary>Seeds the reference tables at start: the location tree (upserted, so an edited file updates rows; sensors no longer listed stay for history) and the known machines.</summary>
internal static class ReferenceData
{
    public static async Task SeedAsync(NpgsqlDataSource dataSource, LocationTree tree, IReadOnlyList<string> machines, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var locations = new NpgsqlCommand("""
            INSERT INTO locations (sensor_id, factory, building, floor, loc_id, area, sensor_type)
            SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (sensor_id) DO UPDATE SET factory = excluded.factory, building = excluded.building, floor = excluded.floor,
                loc_id = excluded.loc_id, area = excluded.area, sensor_type = excluded.sensor_type
            """, connection, transaction))
        {
            var sensors = tree.Sensors;
            foreach (var column in new Func<SensorLocation, string>[] { s => s.SensorId, s => s.Factory, s => s.Building, s => s.Floor, s => s.LocId, s => s.Area, s => s.SensorType })
            {
                locations.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sensors.Select(column)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            }
            await locations.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var insert = new NpgsqlCommand("INSERT INTO machines (machine_id) SELECT unnest($1) ON CONFLICT DO NOTHING", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. machines], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
