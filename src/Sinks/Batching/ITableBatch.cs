using Npgsql;
using SensorStream.Storage.Migrations;

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

    /// <summary>
    /// Writes the rows inside <paramref name="transaction"/>: straight into the table where the writer allows it,
    /// else into the staging table; adds to <paramref name="batch"/> whatever must follow (the merge from staging, if
    /// staged, and the writer's follow-ups).
    /// </summary>
    void Copy(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBatch batch);

    /// <summary>After the transaction: forgets the rows and tells the writer whether they committed.</summary>
    void Completed(bool committed);

    /// <summary>Forgets the rows without writing them (their offsets were not committed, so they will be read again).</summary>
    void Discard();
}
