using System.Buffers;
using Microsoft.Win32.SafeHandles;
using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// One segment of a partition log: <c>{baseOffset:D20}.log</c> holding record batches exactly as received
/// (only the base offset rewritten), with in-memory sparse offset and time indexes that are saved beside it as
/// <c>.index</c> and <c>.timeindex</c> when the segment is rolled. One appender at a time (the partition's
/// lock); readers use positional reads up to the published <see cref="Size"/> and never see a partial batch.
/// </summary>
internal sealed partial class LogSegment : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly int _indexIntervalBytes;
    private SparseIndex _offsetIndex;
    private SparseIndex _timeIndex;
    private long _size;
    private long _nextOffset;
    private long _maxTimestamp = -1;
    private int _bytesSinceIndexEntry;

    private LogSegment(string directory, long baseOffset, int indexIntervalBytes, bool createNew)
    {
        BaseOffset = baseOffset;
        LogPath = Path.Combine(directory, FileStem(baseOffset) + ".log");
        _indexIntervalBytes = indexIntervalBytes;
        _handle = File.OpenHandle(LogPath, createNew ? FileMode.CreateNew : FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        _offsetIndex = new SparseIndex();
        _timeIndex = new SparseIndex();
        _nextOffset = baseOffset;
        CreatedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    public long BaseOffset { get; }

    public string LogPath { get; }

    /// <summary>Bytes of complete batches; readers never read past it.</summary>
    public long Size => Volatile.Read(ref _size);

    /// <summary>One past the last offset stored in this segment.</summary>
    public long NextOffset => Volatile.Read(ref _nextOffset);

    /// <summary>The largest record timestamp in the segment (ms since epoch), -1 when empty.</summary>
    public long MaxTimestamp => Volatile.Read(ref _maxTimestamp);

    /// <summary>When this segment was created or opened (ms since epoch), for <c>segment.ms</c> rolls.</summary>
    public long CreatedAtMs { get; }

    public static string FileStem(long baseOffset) => baseOffset.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);

    public static LogSegment Create(string directory, long baseOffset, int indexIntervalBytes)
    {
        var segment = new LogSegment(directory, baseOffset, indexIntervalBytes, createNew: true);
        DurableFile.FsyncDirectory(directory);
        return segment;
    }

    /// <summary>Appends validated batches whose base offsets were already assigned; returns the position they start at.</summary>
    public long Append(ReadOnlySpan<byte> batches, IReadOnlyList<RecordBatchHeader> headers)
    {
        var start = _size;
        RandomAccess.Write(_handle, batches, start);
        var position = start;
        foreach (var header in headers)
        {
            IndexBatch(header, (int)position);
            position += header.TotalSize;
        }
        Volatile.Write(ref _nextOffset, headers[^1].LastOffset + 1);
        Volatile.Write(ref _size, position);
        return start;
    }

    private void IndexBatch(in RecordBatchHeader header, int position)
    {
        if (_bytesSinceIndexEntry >= _indexIntervalBytes)
        {
            _offsetIndex.Add(header.BaseOffset, position);
            _timeIndex.Add(_maxTimestamp, position);
            _bytesSinceIndexEntry = 0;
        }
        _bytesSinceIndexEntry += header.TotalSize;
        if (header.MaxTimestamp > _maxTimestamp)
        {
            Volatile.Write(ref _maxTimestamp, header.MaxTimestamp);
        }
    }

    /// <summary>The position of the first batch holding an offset at or after <paramref name="offset"/>, or -1 if none.</summary>
    public long FindBatchPosition(long offset)
    {
        if (offset >= NextOffset)
        {
            return -1;
        }
        var found = -1L;
        ScanBatches(_offsetIndex.PositionAtOrBefore(offset), (position, header) =>
        {
            if (header.LastOffset < offset)
            {
                return true;
            }
            found = position;
            return false;
        });
        return found;
    }

    /// <summary>
    /// Copies whole batches starting at <paramref name="position"/> into <paramref name="writer"/>, at most
    /// <paramref name="maxBytes"/> unless the first batch alone is larger and <paramref name="atLeastOneBatch"/>
    /// is set (as Kafka does so a consumer can always make progress). Returns the bytes written.
    /// </summary>
    public int ReadBatches(long position, int maxBytes, bool atLeastOneBatch, KafkaWriter writer)
    {
        var end = Size;
        if (position >= end)
        {
            return 0;
        }
        var available = (int)Math.Min(end - position, int.MaxValue);
        var wanted = Math.Min(available, maxBytes);
        if (atLeastOneBatch)
        {
            wanted = Math.Max(wanted, Math.Min(available, BatchSizeAt(position)));
        }
        if (wanted <= 0)
        {
            return 0;
        }
        var span = writer.GetSpan(wanted)[..wanted];
        var read = RandomAccess.Read(_handle, span, position);
        var whole = WholeBatchesLength(span[..read]);
        writer.Advance(whole);
        return whole;
    }

    private int BatchSizeAt(long position)
    {
        Span<byte> prefix = stackalloc byte[RecordBatchHeader.LogOverhead];
        return RandomAccess.Read(_handle, prefix, position) < prefix.Length
            ? 0
            : System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(prefix[RecordBatchHeader.LengthOffset..]) + RecordBatchHeader.LogOverhead;
    }

    private static int WholeBatchesLength(ReadOnlySpan<byte> data)
    {
        var position = 0;
        while (data.Length - position >= RecordBatchHeader.LogOverhead)
        {
            var size = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data[(position + RecordBatchHeader.LengthOffset)..]) + RecordBatchHeader.LogOverhead;
            if (size > data.Length - position)
            {
                break;
            }
            position += size;
        }
        return position;
    }

    /// <summary>The first offset whose record timestamp is at or after <paramref name="timestamp"/>, with that timestamp; (-1, -1) if none here.</summary>
    public (long Offset, long Timestamp) FindOffsetForTimestamp(long timestamp)
    {
        if (MaxTimestamp < timestamp)
        {
            return (-1, -1);
        }
        var result = (Offset: -1L, Timestamp: -1L);
        ScanBatches(_timeIndex.PositionBefore(timestamp), (position, header) =>
        {
            if (header.MaxTimestamp < timestamp)
            {
                return true;
            }
            result = FindOffsetInBatch(position, header, timestamp);
            return result.Offset < 0;
        });
        return result;
    }

    private (long Offset, long Timestamp) FindOffsetInBatch(long position, in RecordBatchHeader header, long timestamp)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(header.TotalSize);
        try
        {
            var batch = buffer.AsSpan(0, header.TotalSize);
            if (RandomAccess.Read(_handle, batch, position) < batch.Length)
            {
                return (-1, -1);
            }
            var (delta, found) = RecordBatchBody.FindFirstAtOrAfter(batch, header, timestamp);
            return delta < 0 ? (-1, -1) : (header.BaseOffset + delta, found);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Visits complete batches from <paramref name="startPosition"/> until the visitor returns false or the
    /// published end is reached. Reads only headers: cheap enough to run from an index entry.
    /// </summary>
    private void ScanBatches(long startPosition, Func<long, RecordBatchHeader, bool> visit)
    {
        Span<byte> headerBytes = stackalloc byte[RecordBatchHeader.Size];
        var end = Size;
        var position = startPosition;
        while (end - position >= RecordBatchHeader.Size)
        {
            if (RandomAccess.Read(_handle, headerBytes, position) < RecordBatchHeader.Size)
            {
                return;
            }
            var header = RecordBatchHeader.Read(headerBytes);
            if (!visit(position, header))
            {
                return;
            }
            position += header.TotalSize;
        }
    }

    /// <summary>Forces written batches to stable storage.</summary>
    public void Flush() => RandomAccess.FlushToDisk(_handle);

    /// <summary>Saves the sparse indexes beside the log (done when the segment stops being the active one).</summary>
    public void SaveIndexes()
    {
        // A final time-index entry at the end records the segment's max timestamp for the next startup.
        _timeIndex.Add(_maxTimestamp, (int)_size);
        _offsetIndex.Save(Path.ChangeExtension(LogPath, ".index"));
        _timeIndex.Save(Path.ChangeExtension(LogPath, ".timeindex"));
    }

    public void Dispose() => _handle.Dispose();
}
