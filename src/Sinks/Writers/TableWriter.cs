using Npgsql;

namespace SensorStream.Sinks.Writers;

/// <summary>
/// Writes batches of one event type into one table: binary COPY into a per-connection temporary staging table (rows
/// vanish at commit), then one <c>INSERT … SELECT … ON CONFLICT</c> on the table's natural key, so a re-delivered
/// batch never duplicates. Raw feeds are immutable (<c>DO NOTHING</c>); derived results may be re-emitted with newer
/// values, so their writers keep the last row per key within a batch (by the <c>seq</c> column) and <c>DO UPDATE</c>.
/// Runs inside the caller's transaction, on the caller's thread (the sync Npgsql API: per-value async calls would
/// cost more than the copy itself).
/// </summary>
/// <typeparam name="T">The row type, usually the event as decoded.</typeparam>
internal abstract class TableWriter<T>
{
    private const string DirectCopySavepoint = "direct_copy";
    private readonly string _copy;
    private readonly string _copyDirect;

    /// <param name="table">Target table.</param>
    /// <param name="columns">Columns written per row, in <see cref="WriteRow"/> order (plus <c>seq</c> last when <paramref name="keepsLastPerKey"/>).</param>
    /// <param name="keepsLastPerKey">Whether rows are deduplicated by key, the last in the batch winning.</param>
    protected TableWriter(string table, string columns, bool keepsLastPerKey)
    {
        Table = table;
        Columns = columns;
        KeepsLastPerKey = keepsLastPerKey;
        StagingTable = "stage_" + table;
        _copy = $"COPY {StagingTable} ({columns}{(keepsLastPerKey ? ", seq" : string.Empty)}) FROM STDIN (FORMAT BINARY)";
        _copyDirect = $"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)";
    }

    /// <summary>Target table.</summary>
    public string Table { get; }

    /// <summary>The temporary staging table (one per connection).</summary>
    public string StagingTable { get; }

    /// <summary>Columns written per row, comma-separated.</summary>
    protected string Columns { get; }

    /// <summary>Whether rows carry a <c>seq</c> so the merge keeps the last row per key.</summary>
    protected bool KeepsLastPerKey { get; }

    /// <summary>The time-partitioned table the rows go to (plain path), or null when the table is not partitioned.</summary>
    public virtual string? PartitionedTable => null;

    /// <summary>DDL of the staging table: the target's columns, emptied at every commit so it never needs a TRUNCATE.</summary>
    public string CreateStagingSql => $"CREATE TEMP TABLE IF NOT EXISTS {StagingTable} (LIKE {Table}{(KeepsLastPerKey ? ", seq integer NOT NULL" : string.Empty)}) ON COMMIT DELETE ROWS";

    /// <summary>The row's partitioning time (UTC), for tables with a <see cref="PartitionedTable"/>.</summary>
    public virtual DateTime TimeOf(T row) => throw new NotSupportedException($"{Table} is not time-partitioned");

    /// <summary>
    /// Whether a batch is first copied straight into the table: for append-only raw feeds whose merge only skips rows
    /// already there, one COPY instead of COPY + merge (about half the work). A batch holding a row already stored (a
    /// re-delivery) fails that copy on the primary key; it is then undone to a savepoint and merged from staging.
    /// </summary>
    public virtual bool CopiesDirectly => false;

    /// <summary>
    /// Copies <paramref name="rows"/> straight into the table inside <paramref name="transaction"/>; returns false
    /// (with nothing written) when one of them is already there, and the caller merges them from staging instead.
    /// </summary>
    public bool TryCopyDirectly(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<T> rows)
    {
        transaction.Save(DirectCopySavepoint);
        try
        {
            using (var importer = connection.BeginBinaryImport(_copyDirect))
            {
                foreach (var row in rows)
                {
                    importer.StartRow();
                    WriteRow(importer, row);
                }
                importer.Complete();
            }
            transaction.Release(DirectCopySavepoint);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            transaction.Rollback(DirectCopySavepoint);
            return false;
        }
    }

    /// <summary>Adds only the follow-up statements (no merge) after a direct copy.</summary>
    public void AddFollowUpsAfterDirectCopy(NpgsqlBatch batch) => AddFollowUps(batch);

    /// <summary>Binary-copies <paramref name="rows"/> into the staging table (which must exist: <see cref="CreateStagingSql"/>).</summary>
    public virtual void Copy(NpgsqlConnection connection, IReadOnlyList<T> rows)
    {
        using var importer = connection.BeginBinaryImport(_copy);
        for (var i = 0; i < rows.Count; i++)
        {
            importer.StartRow();
            WriteRow(importer, rows[i]);
            if (KeepsLastPerKey)
            {
                importer.Write(i, NpgsqlTypes.NpgsqlDbType.Integer);
            }
        }
        importer.Complete();
    }

    /// <summary>Adds the statements that move the staged rows into the target (and any follow-ups) to <paramref name="batch"/>.</summary>
    public void AddMerge(NpgsqlBatch batch)
    {
        var merge = new NpgsqlBatchCommand(MergeSql);
        AddMergeParameters(merge.Parameters);
        batch.BatchCommands.Add(merge);
        AddFollowUps(batch);
    }

    /// <summary>Writes one row's values in <see cref="Columns"/> order, each with its explicit type.</summary>
    protected abstract void WriteRow(NpgsqlBinaryImporter importer, T row);

    /// <summary>Moves the staged rows into the target.</summary>
    protected abstract string MergeSql { get; }

    /// <summary>Parameters <see cref="MergeSql"/> uses, if any.</summary>
    protected virtual void AddMergeParameters(NpgsqlParameterCollection parameters)
    {
    }

    /// <summary>Further statements in the same transaction, after the merge (they see the staged rows too).</summary>
    protected virtual void AddFollowUps(NpgsqlBatch batch)
    {
    }

    /// <summary>Called after the transaction that wrote a batch committed (caches may trust what it wrote).</summary>
    public virtual void Committed()
    {
    }

    /// <summary>Called when the transaction that wrote a batch failed.</summary>
    public virtual void RolledBack()
    {
    }

    /// <summary><c>INSERT … SELECT … ON CONFLICT (key) DO NOTHING</c> from the staging table: for immutable raw events.</summary>
    protected string InsertIgnoringDuplicates(string key) =>
        $"INSERT INTO {Table} ({Columns}) SELECT {Columns} FROM {StagingTable} ON CONFLICT ({key}) DO NOTHING";

    /// <summary>
    /// <c>INSERT … SELECT DISTINCT ON (key) … ON CONFLICT (key) DO UPDATE</c> from the staging table, the last row per
    /// key in the batch winning: for derived results that a processor may re-emit with newer values.
    /// </summary>
    protected string UpsertKeepingLast(string key)
    {
        var keys = key.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var updates = string.Join(", ", Columns.Split(',', StringSplitOptions.TrimEntries).Where(c => !keys.Contains(c)).Select(c => $"{c} = excluded.{c}"));
        return $"INSERT INTO {Table} ({Columns}) SELECT DISTINCT ON ({key}) {Columns} FROM {StagingTable} ORDER BY {key}, seq DESC " +
            $"ON CONFLICT ({key}) DO UPDATE SET {updates}";
    }
}
