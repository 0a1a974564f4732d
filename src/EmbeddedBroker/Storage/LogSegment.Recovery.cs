using System.Buffers;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>Opening an existing segment: trusting saved indexes, or scanning and truncating a torn tail.</summary>
internal sealed partial class LogSegment
{
    /// <summary>
    /// Opens a segment file. A closed segment with intact index files is loaded from them. Otherwise (the
    /// active segment, or missing/torn indexes) every batch is read and checked — structure, CRC-32C and offset
    /// continuity — and the file is truncated at the first batch that fails, which is how a write torn by a
    /// crash is removed. <paramref name="onBatch"/> sees every batch scanned (to rebuild producer state).
    /// </summary>
    public static LogSegment Open(string directory, long baseOffset, int indexIntervalBytes, bool trustIndexes,
        Action<RecordBatchHeader>? onBatch, out long truncatedBytes)
    {
        var segment = new LogSegment(directory, baseOffset, indexIntervalBytes, createNew: false);
        truncatedBytes = 0;
        var fileSize = RandomAccess.GetLength(segment._handle);
        if (trustIndexes && segment.TryLoadIndexes(fileSize))
        {
            return segment;
        }
        var validEnd = segment.Recover(fileSize, onBatch);
        if (validEnd < fileSize)
        {
            truncatedBytes = fileSize - validEnd;
            RandomAccess.SetLength(segment._handle, validEnd);
            RandomAccess.FlushToDisk(segment._handle);
        }
        return segment;
    }

    /// <summary>Visits the header of every batch in the segment (to rebuild producer state without a snapshot).</summary>
    public void ForEachBatchHeader(Action<RecordBatchHeader> visit) => ScanBatches(0, (_, header) =>
    {
        visit(header);
        return true;
    });

    private bool TryLoadIndexes(long fileSize)
    {
        var offsetIndex = SparseIndex.TryLoad(Path.ChangeExtension(LogPath, ".index"), fileSize);
        var timeIndex = SparseIndex.TryLoad(Path.ChangeExtension(LogPath, ".timeindex"), fileSize);
        if (offsetIndex is null || timeIndex?.Last is not { } last || last.Position != fileSize)
        {
            return false;
        }
        _offsetIndex = offsetIndex;
        _timeIndex = timeIndex;
        _maxTimestamp = last.Key;
        _size = fileSize;
        _nextOffset = LastOffsetFromTail(fileSize);
        return true;
    }

    /// <summary>Finds the last batch from the last offset-index entry and returns one past its last offset.</summary>
    private long LastOffsetFromTail(long fileSize)
    {
        _size = fileSize;
        var next = BaseOffset;
        ScanBatches(_offsetIndex.PositionAtOrBefore(long.MaxValue), (_, header) =>
        {
            next = header.LastOffset + 1;
            return true;
        });
        return next;
    }

    /// <summary>Reads every batch, rebuilding the indexes; returns where the last valid batch ends.</summary>
    private long Recover(long fileSize, Action<RecordBatchHeader>? onBatch)
    {
        _offsetIndex = new SparseIndex();
        _timeIndex = new SparseIndex();
        var position = 0L;
        var expectedOffset = BaseOffset;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (fileSize - position >= RecordBatchHeader.Size)
            {
                var header = ReadHeader(position, buffer);
                var size = header.TotalSize;
                if (header.Magic != 2 || header.BatchLength < RecordBatchHeader.Size - RecordBatchHeader.LogOverhead
                    || size > fileSize - position || header.BaseOffset != expectedOffset || header.LastOffsetDelta < 0)
                {
                    break;
                }
                if (buffer.Length < size)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(size);
                }
                var batch = buffer.AsSpan(0, size);
                if (RandomAccess.Read(_handle, batch, position) < size
                    || Crc32C.Compute(batch[RecordBatchHeader.AttributesOffset..]) != header.Crc)
                {
                    break;
                }
                IndexBatch(header, (int)position);
                onBatch?.Invoke(header);
                position += size;
                expectedOffset = header.LastOffset + 1;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        _size = position;
        _nextOffset = expectedOffset;
        return position;
    }

    private RecordBatchHeader ReadHeader(long position, byte[] buffer)
    {
        var span = buffer.AsSpan(0, RecordBatchHeader.Size);
        RandomAccess.Read(_handle, span, position);
        return RecordBatchHeader.Read(span);
    }
}
