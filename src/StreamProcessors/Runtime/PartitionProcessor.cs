using System.Text;
using Confluent.Kafka;
using SensorStream.Contracts;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Events;
using SensorStream.ServiceDefaults.Kafka;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>
/// Base of the per-partition work of a processor: one instance per assigned input partition, fed that partition's
/// records in order. It decodes values (a record that cannot be decoded, is null or fails validation goes to the
/// <c>dlq</c> topic with the reason, source position and original bytes, and processing continues; while the registry
/// is away the same record is decoded again and again, so nothing is skipped), and it tracks
/// the offset that may be committed: the oldest offset its state still needs, published only after the outputs of
/// everything before it were handed to the sink.
/// </summary>
internal abstract class PartitionProcessor<TEvent>(ProcessorContext context) : ICommittableProcessor
    where TEvent : class, IAvroEvent<TEvent>
{
    private long _pendingSafeOffset = -1;
    private long _safeOffset = -1;

    /// <summary>What the processor shares with its siblings: codec, clock, counters, names.</summary>
    protected ProcessorContext Context { get; } = context;

    /// <summary>The offset a commit may record for this partition (the next one to read after a restart); -1 before any record.</summary>
    public long SafeOffset => Interlocked.Read(ref _safeOffset);

    /// <summary>The next offset after the last record processed; -1 before any.</summary>
    protected long NextOffset { get; private set; } = -1;

    public void Process(SourceRecord item, Action<OutputRecord> emit)
    {
        NextOffset = item.Offset + 1;
        Context.Counters.Positions[(item.Topic, item.Partition)] = NextOffset;
        if (HandleControl(item, emit))
        {
            UpdateSafeOffset();
            return;
        }
        TEvent value;
        try
        {
            // A registry outage is waited out here, before any state changes: the same record is decoded again.
            value = item.Value is null
                ? throw new AvroDecodeException(AvroDecodeError.Truncated, "null value (a tombstone) on a data topic")
                : Context.Retry.Execute(() => Context.Codec.Decode<TEvent>(item), Context.Stop.Token);
        }
        catch (Exception e) when (RecordFailures.Classify(e) == FailureKind.Permanent)
        {
            DeadLetter(item, DeadLetterRouter.ReasonOf(e), e.Message, emit);
            UpdateSafeOffset();
            return;
        }
        if (Validate(value) is { } problem)
        {
            DeadLetter(item, "InvalidValue", problem, emit);
            UpdateSafeOffset();
            return;
        }
        Context.Counters.RecordProcessed();
        Handle(item, value, emit);
        UpdateSafeOffset();
    }

    public void Tick(DateTimeOffset now, Action<OutputRecord> emit)
    {
        OnTick(now, emit);
        UpdateSafeOffset();
    }

    public void Complete(Action<OutputRecord> emit)
    {
    }

    public void OutputsHandedOver() => Interlocked.Exchange(ref _safeOffset, _pendingSafeOffset);

    /// <summary>Handles a control record that carries no event (e.g. a watermark heartbeat); returns false for data records.</summary>
    protected virtual bool HandleControl(SourceRecord record, Action<OutputRecord> emit) => false;

    /// <summary>Why a decoded value cannot be processed, or null when it can.</summary>
    protected abstract string? Validate(TEvent value);

    /// <summary>Processes one valid event.</summary>
    protected abstract void Handle(SourceRecord record, TEvent value, Action<OutputRecord> emit);

    /// <summary>Periodic wall-clock tick (idle watermarks).</summary>
    protected abstract void OnTick(DateTimeOffset now, Action<OutputRecord> emit);

    /// <summary>
    /// The furthest offset a commit may record, given <paramref name="next"/> (the offset after the last record
    /// processed): replaying from it must rebuild exactly the state the processor has now.
    /// </summary>
    protected abstract long SafeCommitOffset(long next);

    private void UpdateSafeOffset()
    {
        if (NextOffset < 0)
        {
            return;
        }
        _pendingSafeOffset = SafeCommitOffset(NextOffset);
    }

    /// <summary>Routes a record to the dead-letter topic with the reason, its position and its original bytes.</summary>
    protected void DeadLetter(SourceRecord record, string reason, string message, Action<OutputRecord> emit)
    {
        Context.Counters.DeadLettered();
        var letter = Context.DeadLetters.Letter(record.Topic, record.Partition, record.Offset, record.Timestamp, record.Key, record.Value, record.Headers, reason, message);
        emit(Context.Codec.Output(Topics.DeadLetters, record.Topic, letter, letter.FailedAt));
    }

    /// <summary>Copies a record that arrived too late for its windows to <c>late.events</c>, with where and how late it was.</summary>
    protected void Late(SourceRecord record, DateTimeOffset eventTime, DateTimeOffset watermark, int lateWindows, Action<OutputRecord> emit)
    {
        Context.Counters.LateEvent();
        var headers = new Headers();
        foreach (var header in record.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }
        headers.Add("late-source-topic", Encoding.UTF8.GetBytes(record.Topic));
        headers.Add("late-source-partition", Encoding.UTF8.GetBytes(record.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        headers.Add("late-source-offset", Encoding.UTF8.GetBytes(record.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        headers.Add("late-watermark", Encoding.UTF8.GetBytes(watermark.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        headers.Add("late-windows", Encoding.UTF8.GetBytes(lateWindows.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        emit(new OutputRecord(Topics.LateEvents, record.Key, record.Value, headers, eventTime));
    }
}
