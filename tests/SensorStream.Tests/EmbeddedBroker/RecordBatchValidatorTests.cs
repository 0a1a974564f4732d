using System.Buffers.Binary;
using System.Text;
using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Storage;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.EmbeddedBroker;

public sealed class RecordBatchValidatorTests
{
    private const int Limit = 1_048_588;

    [Fact]
    public void Crc32C_MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Validate_AcceptsTwoWellFormedBatches()
    {
        var records = RecordBatchBuilder.Values("a", "b").Concat(RecordBatchBuilder.Values("c")).ToArray();

        var result = RecordBatchValidator.Validate(records, Limit);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal([2, 1], result.Batches.Select(b => b.RecordCount));
    }

    [Fact]
    public void Validate_FlippedPayloadBit_IsCorruptMessage()
    {
        var batch = RecordBatchBuilder.Values("hello");
        batch[^3] ^= 0x10;

        var result = RecordBatchValidator.Validate(batch, Limit);

        Assert.Equal(ErrorCode.CorruptMessage, result.Error);
        Assert.Contains("CRC", result.Reason);
    }

    [Fact]
    public void Validate_OldMagic_IsUnsupportedForMessageFormat()
    {
        var batch = RecordBatchBuilder.Values("x");
        batch[16] = 1;

        Assert.Equal(ErrorCode.UnsupportedForMessageFormat, RecordBatchValidator.Validate(batch, Limit).Error);
    }

    [Fact]
    public void Validate_LengthBeyondTheBytesSent_IsCorruptMessage()
    {
        var batch = RecordBatchBuilder.Values("x");

        Assert.Equal(ErrorCode.CorruptMessage, RecordBatchValidator.Validate(batch.AsSpan(0, batch.Length - 1), Limit).Error);
        Assert.Equal(ErrorCode.CorruptMessage, RecordBatchValidator.Validate(batch.AsSpan(0, 30), Limit).Error);
    }

    [Fact]
    public void Validate_BatchOverMaxMessageBytes_IsMessageTooLarge()
    {
        var batch = RecordBatchBuilder.Values(new string('x', 2000));

        Assert.Equal(ErrorCode.MessageTooLarge, RecordBatchValidator.Validate(batch, 1024).Error);
    }

    [Fact]
    public void Validate_RecordCountThatDisagreesWithRecords_IsInvalidRecord()
    {
        var batch = RecordBatchBuilder.Values("a", "b");
        BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(57), 3);
        BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(23), 2);
        BinaryPrimitives.WriteUInt32BigEndian(batch.AsSpan(17), Crc32C.Compute(batch.AsSpan(21)));

        var result = RecordBatchValidator.Validate(batch, Limit);

        Assert.Equal(ErrorCode.InvalidRecord, result.Error);
        Assert.Contains("record 2 of 3", result.Reason);
    }

    [Fact]
    public void Validate_GarbageRecordsWithAValidCrc_IsInvalidRecord()
    {
        var batch = RecordBatchBuilder.Values("abcdef");
        batch.AsSpan(RecordBatchHeader.Size).Fill(0xFF);
        BinaryPrimitives.WriteUInt32BigEndian(batch.AsSpan(17), Crc32C.Compute(batch.AsSpan(21)));

        Assert.Equal(ErrorCode.InvalidRecord, RecordBatchValidator.Validate(batch, Limit).Error);
    }

    [Fact]
    public void Validate_CompressedBatchThatDoesNotDecompress_IsInvalidRecord()
    {
        var batch = RecordBatchBuilder.Values("abcdef");
        BinaryPrimitives.WriteInt16BigEndian(batch.AsSpan(21), (short)CompressionCodec.Zstd);
        BinaryPrimitives.WriteUInt32BigEndian(batch.AsSpan(17), Crc32C.Compute(batch.AsSpan(21)));

        var result = RecordBatchValidator.Validate(batch, Limit);

        Assert.Equal(ErrorCode.InvalidRecord, result.Error);
        Assert.Contains("Zstd", result.Reason);
    }

    [Fact]
    public void Validate_EmptyInput_IsCorruptMessage()
    {
        Assert.Equal(ErrorCode.CorruptMessage, RecordBatchValidator.Validate([], Limit).Error);
    }
}
