using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// Checks the records of a Produce request before anything is written: one or more complete record batches,
/// magic 2, a matching CRC-32C, sane counts, and a record structure that parses exactly (compressed batches
/// are decompressed to check, as Apache Kafka's broker does). Batches are stored exactly as received, so a
/// batch that passes here is what consumers get.
/// </summary>
internal static class RecordBatchValidator
{
    /// <summary>Smallest legal batch: the 61-byte header with no records.</summary>
    private const int MinimumBatchLength = RecordBatchHeader.Size - RecordBatchHeader.LogOverhead;

    /// <summary>Validates and returns the batch headers, or the error code and reason for the whole request.</summary>
    public static BatchValidation Validate(ReadOnlySpan<byte> records, int maxBatchBytes)
    {
        var headers = new List<RecordBatchHeader>(1);
        var position = 0;
        while (position < records.Length)
        {
            var remaining = records[position..];
            if (remaining.Length < RecordBatchHeader.Size)
            {
                return BatchValidation.Fail(ErrorCode.CorruptMessage, $"{remaining.Length} trailing bytes are not a complete batch header");
            }
            var header = RecordBatchHeader.Read(remaining);
            if (header.Magic != 2)
            {
                return BatchValidation.Fail(ErrorCode.UnsupportedForMessageFormat, $"record batch magic {header.Magic}; only magic 2 is supported");
            }
            if (header.BatchLength < MinimumBatchLength || header.TotalSize > remaining.Length)
            {
                return BatchValidation.Fail(ErrorCode.CorruptMessage, $"batch length {header.BatchLength} does not fit the {remaining.Length} bytes sent");
            }
            if (header.TotalSize > maxBatchBytes)
            {
                return BatchValidation.Fail(ErrorCode.MessageTooLarge, $"batch of {header.TotalSize} bytes exceeds max.message.bytes {maxBatchBytes}");
            }
            var batch = remaining[..header.TotalSize];
            if (Crc32C.Compute(batch[RecordBatchHeader.AttributesOffset..]) != header.Crc)
            {
                return BatchValidation.Fail(ErrorCode.CorruptMessage, "record batch CRC-32C mismatch");
            }
            var problem = CheckHeader(header) ?? RecordBatchBody.Check(batch, header);
            if (problem is not null)
            {
                return BatchValidation.Fail(ErrorCode.InvalidRecord, problem);
            }
            headers.Add(header);
            position += header.TotalSize;
        }
        return headers.Count == 0
            ? BatchValidation.Fail(ErrorCode.CorruptMessage, "no record batch in the request")
            : BatchValidation.Ok(headers);
    }

    private static string? CheckHeader(RecordBatchHeader header)
    {
        if ((int)header.Compression > (int)CompressionCodec.Zstd)
        {
            return $"unknown compression codec {(int)header.Compression}";
        }
        if (header.IsControl || header.IsTransactional)
        {
            return "transactional and control batches are not supported by the embedded broker";
        }
        if (header.RecordCount <= 0 || header.LastOffsetDelta != header.RecordCount - 1)
        {
            return $"record count {header.RecordCount} does not match last offset delta {header.LastOffsetDelta}";
        }
        if (header.MaxTimestamp < header.BaseTimestamp && header.MaxTimestamp != -1)
        {
            return $"max timestamp {header.MaxTimestamp} is before base timestamp {header.BaseTimestamp}";
        }
        return null;
    }
}
