using System.Diagnostics.Metrics;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>Counts of one processor (records, dead letters, late events, outputs, commits), also published as metrics.</summary>
internal sealed class ProcessorCounters
{
    private readonly KeyValuePair<string, object?> _tag;
    private readonly Counter<long> _records;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _late;
    private readonly Counter<long> _anomalies;
    private long _recordCount;
    private long _deadLetterCount;
    private long _lateCount;
    private long _anomalyCount;
    private long _outputCount;
    private long _commitCount;

    public ProcessorCounters(Meter meter, string processor)
    {
        _tag = new KeyValuePair<string, object?>("processor", processor);
        _records = meter.CreateCounter<long>("sensorstream.processor.records", "{record}", "Input records processed, by processor.");
        _deadLetters = meter.CreateCounter<long>("sensorstream.processor.dead_letters", "{record}", "Input records sent to the dlq topic, by processor.");
        _anomalies = meter.CreateCounter<long>("sensorstream.processor.anomalies", "{anomaly}", "Anomalies flagged (statistical and data-entry), by processor.");
        _late = meter.CreateCounter<long>("sensorstream.processor.late_events", "{record}", "Input records too late for a window, copied to late.events, by processor.");
    }

    public long Records => Interlocked.Read(ref _recordCount);

    public long DeadLetters => Interlocked.Read(ref _deadLetterCount);

    public long LateEvents => Interlocked.Read(ref _lateCount);

    public long Outputs => Interlocked.Read(ref _outputCount);

    public long Commits => Interlocked.Read(ref _commitCount);

    public void RecordProcessed()
    {
        Interlocked.Increment(ref _recordCount);
        _records.Add(1, _tag);
    }

    public void DeadLettered()
    {
        Interlocked.Increment(ref _deadLetterCount);
        _deadLetters.Add(1, _tag);
    }

    public void LateEvent()
    {
        Interlocked.Increment(ref _lateCount);
        _late.Add(1, _tag);
    }

    /// <summary>Per input partition, the offset after the last record processed (consumer position as far as processing went).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<(string Topic, int Partition), long> Positions { get; } = new();

    /// <summary>Anomalies flagged so far.</summary>
    public long Anomalies => Interlocked.Read(ref _anomalyCount);

    /// <summary>Counts one anomaly written to the <c>anomalies</c> topic.</summary>
    public void AnomalyFlagged()
    {
        Interlocked.Increment(ref _anomalyCount);
        _anomalies.Add(1, _tag);
    }

    public void OutputProduced() => Interlocked.Increment(ref _outputCount);

    public void Committed() => Interlocked.Increment(ref _commitCount);

    public override string ToString() => $"{Records:N0} records, {Outputs:N0} outputs, {DeadLetters:N0} dead letters, {LateEvents:N0} late, {Anomalies:N0} anomalies, {Commits:N0} commits";
}
