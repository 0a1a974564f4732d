using Npgsql;
using NpgsqlTypes;
using SensorStream.Storage.Maintenance;
using SensorStream.Storage.Migrations;

namespace SensorStream.Sinks.Batching;

/// <summary>
/// Writes batches on one long-lived connection from the sink's data source: partitions first (plain path, in their own
/// transactions), then every table's rows and the offsets they cover in a single transaction. Staging tables are
/// created once per connection. Any failure drops the connection, so the next attempt starts from a clean one.
/// </summary>
internal sealed class SinkDatabase(NpgsqlDataSource dataSource, TimePartitions? partitions, string consumerGroup, StorageMaintenance? maintenance = null) : IDisposable
{
    private const string WriteOffsetsSql = """
        INSERT INTO sink_offsets (consumer_group, topic, partition, next_offset, updated_at)
        SELECT $1, o.topic, o.partition, o.next_offset, now() FROM unnest($2, $3, $4) AS o(topic, partition, next_offset)
        ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at
        """;

    private readonly HashSet<string> _staged = new(StringComparer.Ordinal);
    private NpgsqlConnection? _connection;

    /// <summary>The plain path's partition keeper, or null on TimescaleDB.</summary>
    public TimePartitions? Partitions => partitions;

    /// <summary>Writes <paramref name="tables"/> and <paramref name="offsets"/> in one transaction; on failure the rows stay for a retry.</summary>
    public void Write(IReadOnlyList<ITableBatch> tables, IReadOnlyList<PartitionOffset> offsets)
    {
        var committed = false;
        try
        {
            try
            {
                WriteOnce(tables, offsets);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation && partitions is not null)
            {
                // "No partition found for row": a partition this sink remembered is gone (dropped by hand or by a
                // retention job). Forget what was ensured and try once more, ensuring again.
                Drop();
                partitions.Forget();
                WriteOnce(tables, offsets);
            }
            committed = true;
        }
        catch
        {
            Drop();
            throw;
        }
        finally
        {
            foreach (var table in tables)
            {
                table.Completed(committed);
            }
        }
    }

    private void WriteOnce(IReadOnlyList<ITableBatch> tables, IReadOnlyList<PartitionOffset> offsets)
    {
        var connection = Connection();
        foreach (var table in tables)
        {
            if (table.Count == 0)
            {
                continue;
            }
            if (partitions is not null)
            {
                table.EnsurePartitions(connection, partitions);
            }
            if (_staged.Add(table.Table))
            {
                using var create = new NpgsqlCommand(table.CreateStagingSql, connection);
                create.ExecuteNonQuery();
            }
        }
        using var transaction = connection.BeginTransaction();
        // Every copy first, then every merge and the offsets in one round trip: small batches are bound by round trips.
        using var merges = new NpgsqlBatch(connection, transaction);
        foreach (var table in tables)
        {
            if (table.Count > 0)
            {
                table.Copy(connection, transaction, merges);
            }
        }
        if (offsets.Count > 0)
        {
            merges.BatchCommands.Add(OffsetsCommand(offsets));
        }
        if (merges.BatchCommands.Count > 0)
        {
            merges.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>
    /// Partitions from now to now + <paramref name="lookahead"/> (plain path), retention and the TimescaleDB jobs'
    /// health (<see cref="StorageMaintenance"/>; without one, partitions only).
    /// </summary>
    public StorageMaintenanceReport Maintain(DateTime now, TimeSpan lookahead)
    {
        if (maintenance is null)
        {
            return new StorageMaintenanceReport(MaintainPartitions(now, lookahead), 0, []);
        }
        try
        {
            return maintenance.Run(Connection(), partitions, now, lookahead);
        }
        catch
        {
            Drop();
            throw;
        }
    }

    /// <summary>Creates the partitions from now to now + <paramref name="lookahead"/> (plain path); returns how many were created.</summary>
    public int MaintainPartitions(DateTime now, TimeSpan lookahead)
    {
        if (partitions is null)
        {
            return 0;
        }
        try
        {
            return partitions.EnsureAhead(Connection(), now, lookahead);
        }
        catch
        {
            Drop();
            throw;
        }
    }

    private NpgsqlBatchCommand OffsetsCommand(IReadOnlyList<PartitionOffset> offsets)
    {
        var command = new NpgsqlBatchCommand(WriteOffsetsSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumerGroup });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. offsets.Select(o => o.Topic)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. offsets.Select(o => o.Partition)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. offsets.Select(o => o.NextOffset)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        return command;
    }

    private NpgsqlConnection Connection()
    {
        if (_connection is null)
        {
            _connection = dataSource.OpenConnection();
            _staged.Clear();
        }
        return _connection;
    }

    private void Drop()
    {
        _connection?.Dispose();
        _connection = null;
        _staged.Clear();
    }

    public void Dispose() => Drop();
}
