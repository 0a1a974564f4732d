using System.Buffers.Binary;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// The fixed 61-byte header of a Kafka record batch (magic 2). Field offsets follow Kafka's
/// <c>DefaultRecordBatch</c>: the CRC-32C covers everything from <see cref="AttributesOffset"/> to the end,
/// so the broker may rewrite the base offset and partition leader epoch without touching the CRC.
/// </summary>
internal readonly record struct RecordBatchHeader(
    long BaseOffset,
    int BatchLength,
    byte Magic,
    uint Crc,
    short Attributes,
    int LastOffsetDelta,
    long BaseTimestamp,
    long MaxTimestamp,
    long ProducerId,
    short ProducerEpoch,
    int BaseSequence,
    int RecordCount)
{
    public const int Size = 61;
    public const int BaseOffsetOffset = 0;
    public const int LengthOffset = 8;
    public const int PartitionLeaderEpochOffset = 12;
    public const int MagicOffset = 16;
    public const int CrcOffset = 17;
    public const int AttributesOffset = 21;

    /// <summary>Bytes counted by the length field start after the base offset and the length itself.</summary>
    public const int LogOverhead = 12;

    /// <summary>The whole batch on disk and on the wire: the length field plus what precedes it.</summary>
    public int TotalSize => BatchLength + LogOverhead;

    public long LastOffset => BaseOffset + LastOffsetDelta;

    public CompressionCodec Compression => (CompressionCodec)(Attributes & 0x07);

    public bool IsTransactional => (Attributes & 0x10) != 0;

    public bool IsControl => (Attributes & 0x20) != 0;

    public bool HasProducerId => ProducerId >= 0;

    /// <summary>The sequence number of the last record, wrapping at <see cref="int.MaxValue"/> as Kafka does.</summary>
    public int LastSequence => BaseSequence < 0 ? -1 : (int)((BaseSequence + (long)LastOffsetDelta) % ((long)int.MaxValue + 1));

    /// <summary>Reads the header fields; the caller guarantees at least <see cref="Size"/> bytes.</summary>
    public static RecordBatchHeader Read(ReadOnlySpan<byte> span) => new(
        BaseOffset: BinaryPrimitives.ReadInt64BigEndian(span),
        BatchLength: BinaryPrimitives.ReadInt32BigEndian(span[LengthOffset..]),
        Magic: span[MagicOffset],
        Crc: BinaryPrimitives.ReadUInt32BigEndian(span[CrcOffset..]),
        Attributes: BinaryPrimitives.ReadInt16BigEndian(span[AttributesOffset..]),
        LastOffsetDelta: BinaryPrimitives.ReadInt32BigEndian(span[23..]),
        BaseTimestamp: BinaryPrimitives.ReadInt64BigEndian(span[27..]),
        MaxTimestamp: BinaryPrimitives.ReadInt64BigEndian(span[35..]),
        ProducerId: BinaryPrimitives.ReadInt64BigEndian(span[43..]),
        ProducerEpoch: BinaryPrimitives.ReadInt16BigEndian(span[51..]),
        BaseSequence: BinaryPrimitives.ReadInt32BigEndian(span[53..]),
        RecordCount: BinaryPrimitives.ReadInt32BigEndian(span[57..]));
}
