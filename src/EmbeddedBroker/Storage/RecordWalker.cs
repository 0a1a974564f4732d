namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// Walks the records inside an (uncompressed or already decompressed) record batch body, following Kafka's
/// record v2 layout: length, attributes, timestamp delta, offset delta, key, value, headers — all varints.
/// </summary>
internal static class RecordWalker
{
    /// <summary>Checks that <paramref name="body"/> holds exactly <paramref name="count"/> well-formed records; returns the problem or null.</summary>
    public static string? CheckRecords(ReadOnlySpan<byte> body, int count)
    {
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            if (!TryReadRecord(body, ref position, out var record) || record.OffsetDelta != i)
            {
                return $"record {i} of {count} is malformed";
            }
        }
        return position == body.Length ? null : $"{body.Length - position} bytes follow the last record";
    }

    /// <summary>The offset delta and timestamp of the first record stamped at or after <paramref name="target"/>, or (-1, -1).</summary>
    public static (int OffsetDelta, long Timestamp) FindFirstAtOrAfter(ReadOnlySpan<byte> body, int count, long baseTimestamp, long target)
    {
        var position = 0;
        for (var i = 0; i < count && TryReadRecord(body, ref position, out var record); i++)
        {
            if (baseTimestamp + record.TimestampDelta >= target)
            {
                return (record.OffsetDelta, baseTimestamp + record.TimestampDelta);
            }
        }
        return (-1, -1);
    }

    private static bool TryReadRecord(ReadOnlySpan<byte> body, ref int position, out RecordPosition record)
    {
        record = default;
        if (!TryReadVarLong(body, ref position, out var length) || length < 0 || length > body.Length - position)
        {
            return false;
        }
        var end = position + (int)length;
        var inner = body[..end];
        var at = position + 1; // attributes byte (unused in v2)
        if (at > end
            || !TryReadVarLong(inner, ref at, out var timestampDelta)
            || !TryReadVarLong(inner, ref at, out var offsetDelta)
            || !TrySkipSizedField(inner, ref at, allowNull: true)
            || !TrySkipSizedField(inner, ref at, allowNull: true)
            || !TryReadVarLong(inner, ref at, out var headerCount) || headerCount < 0 || headerCount > end - at)
        {
            return false;
        }
        for (var h = 0; h < headerCount; h++)
        {
            if (!TrySkipSizedField(inner, ref at, allowNull: false) || !TrySkipSizedField(inner, ref at, allowNull: true))
            {
                return false;
            }
        }
        if (at != end)
        {
            return false;
        }
        position = end;
        record = new RecordPosition(timestampDelta, (int)offsetDelta);
        return true;
    }

    private static bool TrySkipSizedField(ReadOnlySpan<byte> span, ref int position, bool allowNull)
    {
        if (!TryReadVarLong(span, ref position, out var size))
        {
            return false;
        }
        if (size == -1 && allowNull)
        {
            return true;
        }
        if (size < 0 || size > span.Length - position)
        {
            return false;
        }
        position += (int)size;
        return true;
    }

    /// <summary>Reads a zig-zag varlong (at most 10 bytes) without reading past the span.</summary>
    internal static bool TryReadVarLong(ReadOnlySpan<byte> span, ref int position, out long value)
    {
        ulong raw = 0;
        for (var shift = 0; shift < 70 && position < span.Length; shift += 7)
        {
            var b = span[position++];
            raw |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                value = (long)(raw >> 1) ^ -(long)(raw & 1);
                return true;
            }
        }
        value = 0;
        return false;
    }

    private readonly record struct RecordPosition(long TimestampDelta, int OffsetDelta);
}
