using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using SensorStream.EmbeddedBroker;
using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Storage;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.EmbeddedBroker;

public sealed class PartitionLogTests : IDisposable
{
    private readonly TempDirectory _dir = new("partition-log");
    private readonly BrokerOptions _options = new() { IndexIntervalBytes = 128 };
    private TopicConfig _config;

    public PartitionLogTests()
    {
        _config = TopicConfig.FromBroker(_options);
    }

    private PartitionLog Open() => PartitionLog.Open("t", 0, _dir.Path, _options, () => _config, NullLogger.Instance);

    private static AppendResult Append(PartitionLog log, byte[] batch)
    {
        var validation = RecordBatchValidator.Validate(batch, int.MaxValue);
        Assert.True(validation.IsValid, validation.Reason);
        return log.Append(batch, validation.Batches);
    }

    private static List<(long Offset, string Value)> ReadAll(PartitionLog log, long from = 0)
    {
        var result = new List<(long, string)>();
        var next = from;
        while (next < log.LogEndOffset)
        {
            using var writer = new KafkaWriter();
            var (error, bytes) = log.Read(next, 1 << 20, atLeastOneBatch: true, writer);
            Assert.Equal(ErrorCode.None, error);
            Assert.True(bytes > 0);
            var data = writer.WrittenMemory.ToArray();
            for (var at = 0; at < data.Length;)
            {
                var header = RecordBatchHeader.Read(data.AsSpan(at));
                result.AddRange(RecordValues(data.AsSpan(at, header.TotalSize), header).Where(r => r.Offset >= next));
                at += header.TotalSize;
                next = header.LastOffset + 1;
            }
        }
        return result;
    }

    /// <summary>Decodes values of an uncompressed batch written by <see cref="RecordBatchBuilder"/> (null keys, no headers).</summary>
    private static IEnumerable<(long Offset, string Value)> RecordValues(ReadOnlySpan<byte> batch, RecordBatchHeader header)
    {
        var values = new List<(long, string)>();
        var body = batch[RecordBatchHeader.Size..];
        var position = 0;
        for (var i = 0; i < header.RecordCount; i++)
        {
            RecordWalker.TryReadVarLong(body, ref position, out var length);
            var start = position;
            position++; // attributes
            RecordWalker.TryReadVarLong(body, ref position, out _);
            RecordWalker.TryReadVarLong(body, ref position, out var delta);
            RecordWalker.TryReadVarLong(body, ref position, out _); // key length (-1)
            RecordWalker.TryReadVarLong(body, ref position, out var valueLength);
            values.Add((header.BaseOffset + delta, System.Text.Encoding.UTF8.GetString(body.Slice(position, (int)valueLength))));
            position = start + (int)length;
        }
        return values;
    }

    [Fact]
    public void Append_AssignsConsecutiveOffsets_AndReadReturnsThem()
    {
        using var log = Open();

        Assert.Equal(0, Append(log, RecordBatchBuilder.Values("a", "b", "c")).BaseOffset);
        Assert.Equal(3, Append(log, RecordBatchBuilder.Values("d")).BaseOffset);

        Assert.Equal(4, log.LogEndOffset);
        Assert.Equal(["a", "b", "c", "d"], ReadAll(log).Select(r => r.Value));
        Assert.Equal([1L, 2, 3], ReadAll(log, from: 1).Select(r => r.Offset));
    }

    [Fact]
    public void Read_OffsetPastTheEnd_IsOffsetOutOfRange()
    {
        using var log = Open();
        Append(log, RecordBatchBuilder.Values("a"));
        using var writer = new KafkaWriter();

        Assert.Equal(ErrorCode.OffsetOutOfRange, log.Read(2, 1000, true, writer).Error);
        Assert.Equal((ErrorCode.None, 0), log.Read(1, 1000, true, writer));
    }

    [Fact]
    public void Read_SmallLimit_StillReturnsOneWholeBatch()
    {
        using var log = Open();
        Append(log, RecordBatchBuilder.Values(new string('x', 500)));
        Append(log, RecordBatchBuilder.Values("y"));
        using var writer = new KafkaWriter();

        var (_, bytes) = log.Read(0, 10, atLeastOneBatch: true, writer);

        Assert.Equal(RecordBatchHeader.Read(writer.WrittenMemory.Span).TotalSize, bytes);
        using var strict = new KafkaWriter();
        Assert.Equal(0, log.Read(0, 10, atLeastOneBatch: false, strict).Bytes);
    }

    [Fact]
    public void Segments_RollBySize_AndAReopenedLogReadsAcrossThem()
    {
        _config = _config.With([new("segment.bytes", "1000")], out _);
        using (var log = Open())
        {
            for (var i = 0; i < 60; i++)
            {
                Append(log, RecordBatchBuilder.Values($"value-{i}", $"value-{i}b"));
            }
            Assert.True(log.SegmentCount > 5, $"only {log.SegmentCount} segments");
        }

        using var reopened = Open();

        Assert.Equal(120, reopened.LogEndOffset);
        Assert.Equal(120, ReadAll(reopened).Count);
        Assert.Equal("value-37b", ReadAll(reopened, from: 75).First().Value);
        Assert.True(File.Exists(Directory.EnumerateFiles(_dir.Path, "*.index").First()));
    }

    [Fact]
    public void Reopen_WithATornTail_CutsItOff_AndKeepsEveryCompleteBatch()
    {
        using (var log = Open())
        {
            Append(log, RecordBatchBuilder.Values("a", "b"));
            Append(log, RecordBatchBuilder.Values("c"));
        }
        var segment = Directory.EnumerateFiles(_dir.Path, "*.log").Single();
        var intact = new FileInfo(segment).Length;
        var partial = RecordBatchBuilder.Values("torn-by-a-crash");
        using (var file = new FileStream(segment, FileMode.Append))
        {
            file.Write(partial.AsSpan(0, partial.Length - 7));
        }

        using var reopened = Open();

        Assert.Equal(3, reopened.LogEndOffset);
        Assert.Equal(intact, new FileInfo(segment).Length);
        Assert.Equal(3, Append(reopened, RecordBatchBuilder.Values("d")).BaseOffset);
        Assert.Equal(["a", "b", "c", "d"], ReadAll(reopened).Select(r => r.Value));
    }

    [Fact]
    public void Reopen_WithACorruptedLastBatch_DropsThatBatch()
    {
        using (var log = Open())
        {
            Append(log, RecordBatchBuilder.Values("a"));
            Append(log, RecordBatchBuilder.Values("b"));
        }
        var segment = Directory.EnumerateFiles(_dir.Path, "*.log").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[^2] ^= 0xFF;
        File.WriteAllBytes(segment, bytes);

        using var reopened = Open();

        Assert.Equal(1, reopened.LogEndOffset);
    }

    [Fact]
    public void OffsetForTimestamp_FindsTheFirstRecordAtOrAfter()
    {
        using var log = Open();
        Append(log, RecordBatchBuilder.Build([(null, "a"u8.ToArray()), (null, "b"u8.ToArray())], 1000, timestampDeltas: [0, 100]));
        Append(log, RecordBatchBuilder.Build([(null, "c"u8.ToArray()), (null, "d"u8.ToArray())], 2000, timestampDeltas: [0, 500]));

        Assert.Equal((0L, 1000L), log.OffsetForTimestamp(0));
        Assert.Equal((1L, 1100L), log.OffsetForTimestamp(1001));
        Assert.Equal((2L, 2000L), log.OffsetForTimestamp(1101));
        Assert.Equal((3L, 2500L), log.OffsetForTimestamp(2001));
        Assert.Equal((-1L, -1L), log.OffsetForTimestamp(2501));
    }

    [Fact]
    public void Retention_BySize_DeletesOldestClosedSegments_NeverTheActiveOne()
    {
        _config = _config.With([new("segment.bytes", "500"), new("retention.bytes", "1500")], out _);
        using var log = Open();
        for (var i = 0; i < 40; i++)
        {
            Append(log, RecordBatchBuilder.Values($"payload-{i:D4}-{new string('z', 40)}"));
        }
        var before = log.SegmentCount;

        var deleted = log.ApplyRetention(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        Assert.True(deleted > 0);
        Assert.Equal(before - deleted, log.SegmentCount);
        Assert.True(log.SizeBytes <= 1500 + 500, $"{log.SizeBytes} bytes kept");
        Assert.Equal(40, log.LogEndOffset);
        Assert.True(log.LogStartOffset > 0);
        using var writer = new KafkaWriter();
        Assert.Equal(ErrorCode.OffsetOutOfRange, log.Read(0, 100, true, writer).Error);
    }

    [Fact]
    public void Retention_ByTime_DeletesSegmentsWhoseNewestRecordIsTooOld()
    {
        _config = _config.With([new("segment.bytes", "200"), new("retention.ms", "60000")], out _);
        using var log = Open();
        var old = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        for (var i = 0; i < 5; i++)
        {
            Append(log, RecordBatchBuilder.Build([(null, new byte[150])], old));
        }
        Append(log, RecordBatchBuilder.Values("fresh"));

        log.ApplyRetention(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        Assert.Equal(5, log.LogStartOffset);
    }

    [Fact]
    public void IdempotentProducer_DuplicateGetsItsOriginalOffset_AndAGapIsRefused()
    {
        using var log = Open();
        byte[] Batch(int sequence, params string[] values) =>
            RecordBatchBuilder.Build([.. values.Select(v => ((byte[]?)null, (byte[]?)System.Text.Encoding.UTF8.GetBytes(v)))], 1000, producerId: 7, producerEpoch: 0, baseSequence: sequence);

        Assert.Equal(0, Append(log, Batch(0, "a", "b")).BaseOffset);
        Assert.Equal(2, Append(log, Batch(2, "c")).BaseOffset);
        var duplicate = Append(log, Batch(0, "a", "b"));
        var gap = Append(log, Batch(5, "x"));

        Assert.Equal((ErrorCode.None, 0L), (duplicate.Error, duplicate.BaseOffset));
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, gap.Error);
        Assert.Equal(3, log.LogEndOffset);
    }

    [Fact]
    public void IdempotentProducerState_SurvivesRestart_ViaSnapshotAndActiveSegment()
    {
        _config = _config.With([new("segment.bytes", "300")], out _);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        byte[] Batch(int sequence) => RecordBatchBuilder.Build([(null, new byte[100])], now, producerId: 42, producerEpoch: 3, baseSequence: sequence);
        using (var log = Open())
        {
            for (var sequence = 0; sequence < 6; sequence++)
            {
                Assert.Equal(ErrorCode.None, Append(log, Batch(sequence)).Error);
            }
        }

        using var reopened = Open();

        Assert.Equal((ErrorCode.None, 5L), (Append(reopened, Batch(5)) is var dup ? (dup.Error, dup.BaseOffset) : default));
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, Append(reopened, Batch(9)).Error);
        Assert.Equal(ErrorCode.None, Append(reopened, Batch(6)).Error);
        Assert.NotEmpty(Directory.EnumerateFiles(_dir.Path, "*.snapshot"));
    }

    [Fact]
    public async Task WaitForData_CompletesWhenARecordArrives()
    {
        using var log = Open();
        var wait = log.WaitForDataAsync(0, TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted);

        Append(log, RecordBatchBuilder.Values("wake up"));

        await wait.DefaultTimeout();
    }

    [Fact]
    public void BaseOffset_IsTheOnlyBatchFieldRewritten()
    {
        using var log = Open();
        Append(log, RecordBatchBuilder.Values("a"));
        var batch = RecordBatchBuilder.Values("b");
        var original = (byte[])batch.Clone();

        Append(log, batch);
        using var writer = new KafkaWriter();
        log.Read(1, 1000, true, writer);
        var stored = writer.WrittenMemory.ToArray();

        Assert.Equal(1, BinaryPrimitives.ReadInt64BigEndian(stored));
        Assert.Equal(original.AsSpan(RecordBatchHeader.MagicOffset).ToArray(), stored.AsSpan(RecordBatchHeader.MagicOffset).ToArray());
    }

    public void Dispose() => _dir.Dispose();
}
