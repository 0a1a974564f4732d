using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.Tests.EmbeddedBroker;

public sealed class KafkaCodecTests
{
    private static byte[] Written(Action<KafkaWriter> write, bool flexible = false)
    {
        using var writer = new KafkaWriter(16) { Flexible = flexible };
        write(writer);
        return writer.WrittenMemory.ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Primitives_RoundTrip_InClassicAndFlexibleEncodings(bool flexible)
    {
        var bytes = Written(w =>
        {
            w.WriteInt8(-5);
            w.WriteInt16(-12345);
            w.WriteInt32(int.MinValue);
            w.WriteInt64(long.MaxValue);
            w.WriteString("héllo");
            w.WriteNullableString(null);
            w.WriteBytes([1, 2, 3]);
            w.WriteNullBytes();
            w.WriteArrayLength(2);
            w.WriteInt32(7);
            w.WriteInt32(8);
            w.WriteTaggedFields();
        }, flexible);

        var reader = new KafkaReader(bytes, 0, bytes.Length) { Flexible = flexible };
        Assert.Equal(-5, reader.ReadInt8());
        Assert.Equal(-12345, reader.ReadInt16());
        Assert.Equal(int.MinValue, reader.ReadInt32());
        Assert.Equal(long.MaxValue, reader.ReadInt64());
        Assert.Equal("héllo", reader.ReadString());
        Assert.Null(reader.ReadNullableString());
        Assert.Equal(new byte[] { 1, 2, 3 }, reader.ReadBytes().ToArray());
        Assert.Null(reader.ReadNullableBytes());
        Assert.Equal(new[] { 7, 8 }, reader.ReadArray(static (ref KafkaReader r) => r.ReadInt32()));
        reader.SkipTaggedFields();
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void CompactString_UsesLengthPlusOne_AsUnsignedVarint()
    {
        Assert.Equal(new byte[] { 3, (byte)'a', (byte)'b' }, Written(w => w.WriteString("ab"), flexible: true));
        Assert.Equal(new byte[] { 0 }, Written(w => w.WriteNullableString(null), flexible: true));
        Assert.Equal(new byte[] { 0, 2, (byte)'a', (byte)'b' }, Written(w => w.WriteString("ab")));
    }

    [Fact]
    public void SkipTaggedFields_SkipsUnknownTagsWithTheirSizes()
    {
        byte[] bytes = [2, 0, 2, 0xAA, 0xBB, 5, 1, 0xCC, 42];
        var reader = new KafkaReader(bytes, 0, bytes.Length) { Flexible = true };
        reader.SkipTaggedFields();
        Assert.Equal(42, reader.ReadInt8());
    }

    [Theory]
    [InlineData(new byte[] { 0, 5, (byte)'a' }, "string")]
    [InlineData(new byte[] { 0xFF, 0xFE }, "string length")]
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF }, "array length")]
    [InlineData(new byte[] { 0, 0, 0 }, "int32")]
    public void Reader_RejectsTruncatedOrImpossibleLengths(byte[] bytes, string what)
    {
        var exception = Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(bytes, 0, bytes.Length);
            if (what.StartsWith("string", StringComparison.Ordinal))
            {
                reader.ReadString();
            }
            else if (what == "array length")
            {
                reader.ReadArrayLength();
            }
            else
            {
                reader.ReadInt32();
            }
        });
        Assert.NotEmpty(exception.Message);
    }

    [Fact]
    public void Reader_RejectsVarintLongerThanFiveBytes()
    {
        byte[] bytes = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];
        Assert.Throws<KafkaProtocolException>(() => new KafkaReader(bytes, 0, bytes.Length).ReadUnsignedVarInt());
    }

    [Fact]
    public void Reader_NeverReadsPastItsWindow()
    {
        byte[] bytes = [0, 0, 0, 1, 0, 0, 0, 2];
        var reader = new KafkaReader(bytes, 0, 4);
        Assert.Equal(1, reader.ReadInt32());
        Assert.Throws<KafkaProtocolException>(() => new KafkaReader(bytes, 0, 4) { }.ReadInt64());
    }
}
