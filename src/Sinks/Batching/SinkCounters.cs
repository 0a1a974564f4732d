using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SensorStream.Sinks.Batching;

/// <summary>Counts of one sink (rows per table, dead letters, batches, retries), also published as metrics. Updated per batch, not per row.</summary>
internal sealed class SinkCounters
{
    private readonly Counter<long> _rows;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _batches;
    private readonly ConcurrentDictionary<string, long> _rowsByTable = new(StringComparer.Ordinal);
    private long _deadLetterCount;
    private long _retryCount;
    private long _batchCount;
    private long _discarded;
    private long _assigned;

    public SinkCounters(Meter meter)
    {
        _rows = meter.CreateCounter<long>("sensorstream.sink.rows", "{row}", "Rows written (committed), by table.");
        _deadLetters = meter.CreateCounter<long>("sensorstream.sink.dead_letters", "{record}", "Input records sent to the dlq topic by the sink.");
        _retries = meter.CreateCounter<long>("sensorstream.sink.retries", "{attempt}", "Failed database writes retried.");
        _batches = meter.CreateCounter<long>("sensorstream.sink.batches", "{batch}", "Batches committed.");
    }

    /// <summary>Rows committed per table so far.</summary>
    public IReadOnlyDictionary<string, long> RowsByTable => _rowsByTable;

    public long DeadLetters => Interlocked.Read(ref _deadLetterCount);

    public long Retries => Interlocked.Read(ref _retryCount);

    public long Batches => Interlocked.Read(ref _batchCount);

    /// <summary>Records dropped from a batch that could not be written before its partitions were revoked (they are read again).</summary>
    public long Discarded => Interlocked.Read(ref _discarded);

    public void Committed(string table, int rows)
    {
        _rowsByTable.AddOrUpdate(table, rows, (_, total) => total + rows);
        _rows.Add(rows, new KeyValuePair<string, object?>("table", table));
    }

    public void BatchCommitted()
    {
        Interlocked.Increment(ref _batchCount);
        _batches.Add(1);
    }

    public void DeadLettered()
    {
        Interlocked.Increment(ref _deadLetterCount);
        _deadLetters.Add(1);
    }

    public void Retried()
    {
        Interlocked.Increment(ref _retryCount);
        _retries.Add(1);
    }

    public void DiscardedRecords(int records) => Interlocked.Add(ref _discarded, records);

    /// <summary>Input partitions this instance owns now.</summary>
    public long AssignedPartitions => Interlocked.Read(ref _assigned);

    public void Assigned(int partitions) => Interlocked.Add(ref _assigned, partitions);

    public void Revoked(int partitions) => Interlocked.Add(ref _assigned, -partitions);
}
