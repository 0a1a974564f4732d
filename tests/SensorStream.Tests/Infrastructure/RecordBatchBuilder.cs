using System.Buffers.Binary;
using SensorStream.EmbeddedBroker.Storage;

namespace SensorStream.Tests.Infrastructure;

/// <summary>Builds uncompressed Kafka record batches (magic 2) for tests that speak the protocol directly.</summary>
public static class RecordBatchBuilder
{
    public static byte[] Build(IReadOnlyList<(byte[]? Key, byte[]? Value)> records, long baseTimestamp,
        long producerId = -1, short producerEpoch = -1, int baseSequence = -1, long[]? timestampDeltas = null)
    {
        var body = new MemoryStream();
        for (var i = 0; i < records.Count; i++)
        {
            var record = new MemoryStream();
            record.WriteByte(0); // attributes
            WriteVarLong(record, timestampDeltas?[i] ?? i);
            WriteVarLong(record, i);
            WriteBytes(record, records[i].Key);
            WriteBytes(record, records[i].Value);
            WriteVarLong(record, 0); // headers
            WriteVarLong(body, record.Length);
            record.WriteTo(body);
        }
        var maxTimestamp = baseTimestamp + (timestampDeltas?.Max() ?? records.Count - 1);
        var batch = new byte[RecordBatchHeader.Size + body.Length];
        var span = batch.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(span, 0);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], batch.Length - 12);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], -1);
        span[16] = 2;
        BinaryPrimitives.WriteInt16BigEndian(span[21..], 0);
        BinaryPrimitives.WriteInt32BigEndian(span[23..], records.Count - 1);
        BinaryPrimitives.WriteInt64BigEndian(span[27..], baseTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(span[35..], maxTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(span[43..], producerId);
        BinaryPrimitives.WriteInt16BigEndian(span[51..], producerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(span[53..], baseSequence);
        BinaryPrimitives.WriteInt32BigEndian(span[57..], records.Count);
        body.GetBuffer().AsSpan(0, (int)body.Length).CopyTo(span[RecordBatchHeader.Size..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[17..], Crc32C.Compute(span[21..]));
        return batch;
    }

    public static byte[] Values(params string[] values) =>
        Build([.. values.Select(v => ((byte[]?)null, (byte[]?)System.Text.Encoding.UTF8.GetBytes(v)))], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private static void WriteBytes(Stream stream, byte[]? bytes)
    {
        if (bytes is null)
        {
            WriteVarLong(stream, -1);
            return;
        }
        WriteVarLong(stream, bytes.Length);
        stream.Write(bytes);
    }

    private static void WriteVarLong(Stream stream, long value)
    {
        var raw = (ulong)((value << 1) ^ (value >> 63));
        while (raw >= 0x80)
        {
            stream.WriteByte((byte)(raw | 0x80));
            raw >>= 7;
        }
        stream.WriteByte((byte)raw);
    }
}
