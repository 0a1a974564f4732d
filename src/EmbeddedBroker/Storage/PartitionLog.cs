using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// The log of one topic partition: an ordered list of <see cref="LogSegment"/>s of which the last is active.
/// Appends are serialised by a lock; reads are lock-free against a copy-on-write segment array.
/// Consumers waiting for data (Fetch long polling) are woken by <see cref="WaitForDataAsync"/>.
/// </summary>
internal sealed partial class PartitionLog : IDisposable
{
    private readonly Lock _appendLock = new();
    private readonly Lock _flushLock = new();
    private readonly BrokerOptions _options;
    private readonly Func<TopicConfig> _config;
    private readonly ILogger _logger;
    private volatile LogSegment[] _segments;
    private ProducerStateTable _producers;
    private TaskCompletionSource _dataArrived = NewSignal();
    private long _flushedOffset;
    private bool _deleted;

    private PartitionLog(string topic, int partition, string directory, BrokerOptions options, Func<TopicConfig> config,
        ILogger logger, LogSegment[] segments, ProducerStateTable producers)
    {
        Topic = topic;
        Partition = partition;
        Directory = directory;
        _options = options;
        _config = config;
        _logger = logger;
        _segments = segments;
        _producers = producers;
        _flushedOffset = LogEndOffset;
    }

    public string Topic { get; }

    public int Partition { get; }

    public string Directory { get; }

    /// <summary>The first offset still in the log.</summary>
    public long LogStartOffset => _segments[0].BaseOffset;

    /// <summary>One past the last offset written: the high watermark of a single-replica partition.</summary>
    public long LogEndOffset => _segments[^1].NextOffset;

    /// <summary>Bytes on disk over all segments.</summary>
    public long SizeBytes => _segments.Sum(s => s.Size);

    public int SegmentCount => _segments.Length;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Appends the validated batches in <paramref name="records"/>, overwriting each batch's base offset (outside
    /// its CRC) with the next offsets. Idempotent producers' sequences are checked first.
    /// </summary>
    public AppendResult Append(Memory<byte> records, IReadOnlyList<RecordBatchHeader> batches)
    {
        lock (_appendLock)
        {
            if (_deleted)
            {
                return AppendResult.Fail(ErrorCode.UnknownTopicOrPartition, -1, "partition was deleted");
            }
            var check = CheckSequences(batches);
            if (check.Error != ErrorCode.None)
            {
                return AppendResult.Fail(check.Error, LogStartOffset, $"producer {batches[0].ProducerId} sequence {batches[0].BaseSequence} refused: {check.Error}");
            }
            if (check.IsDuplicate)
            {
                return new AppendResult(ErrorCode.None, check.DuplicateOfOffset, LogStartOffset, IsDuplicate: true);
            }
            MaybeRoll(records.Length);
            var span = records.Span;
            var assigned = new RecordBatchHeader[batches.Count];
            var next = LogEndOffset;
            var position = 0;
            for (var i = 0; i < batches.Count; i++)
            {
                BinaryPrimitives.WriteInt64BigEndian(span[position..], next);
                BinaryPrimitives.WriteInt32BigEndian(span[(position + RecordBatchHeader.PartitionLeaderEpochOffset)..], 0);
                assigned[i] = batches[i] with { BaseOffset = next };
                next += batches[i].LastOffsetDelta + 1;
                position += batches[i].TotalSize;
            }
            _segments[^1].Append(span, assigned);
            foreach (var batch in assigned)
            {
                _producers.Record(batch, batch.BaseOffset);
            }
            Interlocked.Exchange(ref _dataArrived, NewSignal()).TrySetResult();
            return new AppendResult(ErrorCode.None, assigned[0].BaseOffset, LogStartOffset);
        }
    }

    private SequenceCheck CheckSequences(IReadOnlyList<RecordBatchHeader> batches)
    {
        var first = _producers.Check(batches[0]);
        // Clients send one batch per partition per request; if several come, they must continue each other.
        for (var i = 1; i < batches.Count && first.Error == ErrorCode.None; i++)
        {
            var (previous, current) = (batches[i - 1], batches[i]);
            if (current.HasProducerId && (current.ProducerId != previous.ProducerId || current.BaseSequence != previous.LastSequence + 1))
            {
                return SequenceCheck.Reject(ErrorCode.OutOfOrderSequenceNumber);
            }
            if (first.IsDuplicate)
            {
                return SequenceCheck.Reject(ErrorCode.DuplicateSequenceNumber);
            }
        }
        return first;
    }

    private void MaybeRoll(int incomingBytes)
    {
        var active = _segments[^1];
        var config = _config();
        var tooBig = active.Size > 0 && active.Size + incomingBytes > config.SegmentBytes;
        var tooOld = active.Size > 0 && DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - active.CreatedAtMs > config.SegmentMs;
        if (tooBig || tooOld)
        {
            Roll();
        }
    }

    /// <summary>Closes the active segment (flushed, indexes and producer state saved) and starts a new one.</summary>
    private void Roll()
    {
        var active = _segments[^1];
        var nextBase = active.NextOffset;
        active.Flush();
        active.SaveIndexes();
        _producers.Save(Path.Combine(Directory, LogSegment.FileStem(nextBase) + ".snapshot"));
        var fresh = LogSegment.Create(Directory, nextBase, _options.IndexIntervalBytes);
        _segments = [.. _segments, fresh];
        DeleteOlderSnapshots(nextBase);
        LogSegmentRolled(_logger, Topic, Partition, nextBase);
    }

    private void DeleteOlderSnapshots(long keepBase)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.snapshot"))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(file), out var b) && b < keepBase)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>
    /// Reads whole batches from <paramref name="offset"/> into <paramref name="writer"/>: at most
    /// <paramref name="maxBytes"/>, but at least one batch when <paramref name="atLeastOneBatch"/>.
    /// Returns the bytes written, or an error for an offset outside the log.
    /// </summary>
    public (ErrorCode Error, int Bytes) Read(long offset, int maxBytes, bool atLeastOneBatch, KafkaWriter writer)
    {
        var segments = _segments;
        if (offset < segments[0].BaseOffset || offset > segments[^1].NextOffset)
        {
            return (ErrorCode.OffsetOutOfRange, 0);
        }
        for (var i = FindSegmentIndex(segments, offset); i < segments.Length; i++)
        {
            var position = segments[i].FindBatchPosition(offset);
            if (position >= 0)
            {
                return (ErrorCode.None, segments[i].ReadBatches(position, maxBytes, atLeastOneBatch, writer));
            }
        }
        return (ErrorCode.None, 0);
    }

    private static int FindSegmentIndex(LogSegment[] segments, long offset)
    {
        int low = 0, high = segments.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) >>> 1;
            if (segments[mid].BaseOffset <= offset)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low;
    }

    /// <summary>The first offset whose timestamp is at or after <paramref name="timestamp"/> (ms) and that timestamp; (-1, -1) if every record is older.</summary>
    public (long Offset, long Timestamp) OffsetForTimestamp(long timestamp)
    {
        foreach (var segment in _segments)
        {
            var found = segment.FindOffsetForTimestamp(timestamp);
            if (found.Offset >= 0)
            {
                return found;
            }
        }
        return (-1, -1);
    }

    /// <summary>Completes when the log holds an offset at or after <paramref name="offset"/> (or is cancelled).</summary>
    public Task WaitForDataAsync(long offset, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _dataArrived);
        return LogEndOffset > offset ? Task.CompletedTask : signal.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Forces everything appended so far to disk; concurrent callers share one fsync.</summary>
    public void Flush()
    {
        var target = LogEndOffset;
        if (Volatile.Read(ref _flushedOffset) >= target)
        {
            return;
        }
        lock (_flushLock)
        {
            if (_flushedOffset >= target)
            {
                return;
            }
            var end = LogEndOffset;
            _segments[^1].Flush();
            Volatile.Write(ref _flushedOffset, end);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Rolled {Topic}-{Partition} at offset {Offset}")]
    private static partial void LogSegmentRolled(ILogger logger, string topic, int partition, long offset);
}
