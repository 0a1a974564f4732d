using Npgsql;
using SensorStream.Sinks.Migrations;

namespace SensorStream.Sinks.Batching;

/// <summary>The rows of one table collected for the next database transaction.</summary>
internal interface ITableBatch
{
    /// <summary>Target table.</summary>
    string Table { get; }

    /// <summary>Rows collected.</summary>
    int Count { get; }

    /// <summary>DDL of the table's staging table.</summary>
    string CreateStagingSql { get; }

    /// <summary>Creates the partitions the rows need (plain path; outside the batch transaction).</summary>
    void EnsurePartitions(NpgsqlConnection connection, TimePartitions partitions);

    /// <summary>Copies the rows into the staging table, inside the current transaction.</summary>
    void Copy(NpgsqlConnection connection);

    /// <summary>Adds the statements merging the staged rows into the table.</summary>
    void AddMerge(NpgsqlBatch batch);

    /// <summary>After the transaction: forgets the rows and tells the writer whether they committed.</summary>
    void Completed(bool committed);

    /// <summary>Forgets the rows without writing them (their offsets were not committed, so they will be read again).</summary>
    void Discard();
}
