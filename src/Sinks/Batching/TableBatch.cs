using Npgsql;
using SensorStream.Storage.Migrations;
using SensorStream.Sinks.Writers;

namespace SensorStream.Sinks.Batching;

/// <summary>The rows of one table collected for the next transaction, and the writer that writes them.</summary>
internal sealed class TableBatch<T>(TableWriter<T> writer) : ITableBatch
{
    private readonly List<T> _rows = [];

    public TableWriter<T> Writer => writer;

    public string Table => writer.Table;

    public int Count => _rows.Count;

    public string CreateStagingSql => writer.CreateStagingSql;

    public void Add(T row) => _rows.Add(row);

    public void EnsurePartitions(NpgsqlConnection connection, TimePartitions partitions)
    {
        if (writer.PartitionedTable is { } table && _rows.Count > 0)
        {
            partitions.Ensure(connection, table, _rows, writer.TimeOf);
        }
    }

    public void Copy(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBatch batch)
    {
        if (writer.CopiesDirectly && writer.TryCopyDirectly(connection, transaction, _rows))
        {
            writer.AddFollowUpsAfterDirectCopy(batch);
            return;
        }
        writer.Copy(connection, _rows);
        writer.AddMerge(batch);
    }

    public void Completed(bool committed)
    {
        if (committed)
        {
            writer.Committed();
            _rows.Clear();
        }
        else
        {
            writer.RolledBack();
        }
    }

    public void Discard()
    {
        writer.RolledBack();
        _rows.Clear();
    }
}
