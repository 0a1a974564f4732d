using SensorStream.EmbeddedBroker.Storage.Compression;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>Record-level questions about a whole batch, decompressing its records section when needed.</summary>
internal static class RecordBatchBody
{
    /// <summary>Returns the records section (after the 61-byte header), decompressed.</summary>
    public static ReadOnlySpan<byte> Records(ReadOnlySpan<byte> batch, in RecordBatchHeader header) =>
        header.Compression == CompressionCodec.None
            ? batch[RecordBatchHeader.Size..header.TotalSize]
            : BatchDecompressor.Decompress(header.Compression, batch[RecordBatchHeader.Size..header.TotalSize]);

    /// <summary>Checks the record structure of any batch; null when fine, otherwise the problem.</summary>
    public static string? Check(ReadOnlySpan<byte> batch, in RecordBatchHeader header)
    {
        try
        {
            return RecordWalker.CheckRecords(Records(batch, header), header.RecordCount);
        }
        catch (InvalidDataException e)
        {
            return $"{header.Compression} records cannot be decompressed: {e.Message}";
        }
    }

    /// <summary>The offset delta and timestamp of the first record at or after <paramref name="timestamp"/>, or (-1, -1).</summary>
    public static (int OffsetDelta, long Timestamp) FindFirstAtOrAfter(ReadOnlySpan<byte> batch, in RecordBatchHeader header, long timestamp)
    {
        try
        {
            return RecordWalker.FindFirstAtOrAfter(Records(batch, header), header.RecordCount, header.BaseTimestamp, timestamp);
        }
        catch (InvalidDataException)
        {
            // An unreadable batch still has a max timestamp at or after the target: answer its first offset.
            return (0, header.MaxTimestamp);
        }
    }
}
