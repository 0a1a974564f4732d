using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Tests.Contracts.Avro;

/// <summary>Hostile and damaged payloads: each fails fast with its reason, never allocates past the payload or loops.</summary>
public sealed class DecodeGuardTests
{
    private static AvroSchema S(string json) => AvroSchema.Parse(json);

    [Theory]
    [InlineData("\"long\"", "", AvroDecodeError.Truncated)]
    [InlineData("\"long\"", "80", AvroDecodeError.Truncated)]
    [InlineData("\"long\"", "ffffffffffffffffff7f", AvroDecodeError.InvalidVarint)]
    [InlineData("\"long\"", "ffffffffffffffffffff01", AvroDecodeError.InvalidVarint)]
    [InlineData("\"int\"", "feffffff1f", AvroDecodeError.InvalidVarint)]
    [InlineData("\"double\"", "00000000000000", AvroDecodeError.Truncated)]
    [InlineData("\"float\"", "0000", AvroDecodeError.Truncated)]
    [InlineData("\"boolean\"", "02", AvroDecodeError.InvalidBoolean)]
    [InlineData("\"string\"", "01", AvroDecodeError.NegativeLength)]
    [InlineData("\"string\"", "0a6162", AvroDecodeError.OversizedLength)]
    [InlineData("\"string\"", "feffffffffffffffff01", AvroDecodeError.OversizedLength)]
    [InlineData("\"string\"", "04c328", AvroDecodeError.InvalidUtf8)]
    [InlineData("\"bytes\"", "03", AvroDecodeError.NegativeLength)]
    [InlineData("\"bytes\"", "c8016162", AvroDecodeError.OversizedLength)]
    [InlineData("[\"null\",\"int\"]", "04", AvroDecodeError.InvalidUnionIndex)]
    [InlineData("[\"null\",\"int\"]", "01", AvroDecodeError.InvalidUnionIndex)]
    [InlineData("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}", "04", AvroDecodeError.InvalidEnumIndex)]
    [InlineData("{\"type\":\"fixed\",\"name\":\"F\",\"size\":4}", "010203", AvroDecodeError.Truncated)]
    [InlineData("{\"type\":\"array\",\"items\":\"long\"}", "feffffff0f", AvroDecodeError.OversizedLength)]
    [InlineData("{\"type\":\"array\",\"items\":\"double\"}", "0400000000000000000000", AvroDecodeError.OversizedLength)]
    [InlineData("{\"type\":\"array\",\"items\":\"long\"}", "0102", AvroDecodeError.OversizedLength)]
    [InlineData("{\"type\":\"array\",\"items\":\"long\"}", "0101", AvroDecodeError.NegativeLength)]
    [InlineData("{\"type\":\"map\",\"values\":\"null\"}", "feffffff0f", AvroDecodeError.OversizedLength)]
    [InlineData("{\"type\":\"array\",\"items\":\"null\"}", "feffffff0f", AvroDecodeError.TooManyItems)]
    [InlineData("{\"type\":\"array\",\"items\":\"long\"}", "0202", AvroDecodeError.Truncated)]
    [InlineData("\"int\"", "0200", AvroDecodeError.TrailingBytes)]
    public void Decode_MalformedPayload_ThrowsWithTheReason(string schema, string hex, AvroDecodeError reason)
    {
        var error = AvroTestCodec.DecodeFailure(S(schema), Convert.FromHexString(hex));

        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Decode_ManyBlocksOfZeroSizeItems_StopsAtTheItemBudget()
    {
        // Each 5-byte block header claims ~100 000 nulls: without a budget this would loop for ages on a few bytes.
        var payload = Enumerable.Repeat(Convert.FromHexString("c09a0c"), 100).SelectMany(b => b).Append((byte)0).ToArray();

        var error = AvroTestCodec.DecodeFailure(S("{\"type\":\"array\",\"items\":\"null\"}"), payload);

        Assert.Equal(AvroDecodeError.TooManyItems, error.Reason);
    }

    [Fact]
    public void Decode_DeeplyNestedRecursiveRecord_StopsAtMaxDepth()
    {
        var schema = S("{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"next\",\"type\":[\"null\",\"N\"]}]}");
        var payload = Enumerable.Repeat((byte)2, 100_000).Append((byte)0).ToArray();

        var error = AvroTestCodec.DecodeFailure(schema, payload);

        Assert.Equal(AvroDecodeError.NestingTooDeep, error.Reason);
    }

    [Fact]
    public void Decode_RecursiveRecordWithinDepth_Succeeds()
    {
        var schema = S("{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"next\",\"type\":[\"null\",\"N\"]}]}");
        var payload = Enumerable.Repeat((byte)2, 200).Append((byte)0).ToArray();

        Assert.NotNull(AvroTestCodec.Decode(schema, payload));
    }

    [Theory]
    [InlineData("ffffffffffffffffff01")]
    [InlineData("feffffffffffffffff01")]
    public void ReadTimestampMicros_OutsideDateTimeOffsetRange_ThrowsInvalidValue(string hex)
    {
        var error = Assert.Throws<AvroDecodeException>(() =>
        {
            var reader = new AvroReader(Convert.FromHexString(hex));
            reader.ReadTimestampMicros();
        });

        Assert.Equal(AvroDecodeError.InvalidValue, error.Reason);
    }

    [Fact]
    public void ReadDecimal_BeyondDotNetDecimal_ThrowsInvalidValue()
    {
        var bytes = new byte[] { 0x22, 0x7f }.Concat(Enumerable.Repeat((byte)0xff, 16)).ToArray();

        var error = Assert.Throws<AvroDecodeException>(() =>
        {
            var reader = new AvroReader(bytes);
            reader.ReadDecimal(2);
        });

        Assert.Equal(AvroDecodeError.InvalidValue, error.Reason);
    }

    [Fact]
    public void ReadUuid_NotAUuid_ThrowsInvalidValue()
    {
        var error = Assert.Throws<AvroDecodeException>(() =>
        {
            var reader = new AvroReader([0x06, (byte)'a', (byte)'b', (byte)'c']);
            reader.ReadUuid();
        });

        Assert.Equal(AvroDecodeError.InvalidValue, error.Reason);
    }

    [Fact]
    public void Decode_RandomGarbage_NeverThrowsAnythingButAvroDecodeException()
    {
        var schema = AvroSchema.Parse(new RandomAvro(77).SchemaJson().ToJsonString());
        var random = new Random(78);
        for (var i = 0; i < 2000; i++)
        {
            var garbage = new byte[random.Next(0, 64)];
            random.NextBytes(garbage);
            try
            {
                AvroTestCodec.Decode(schema, garbage);
            }
            catch (AvroDecodeException)
            {
            }
        }
    }
}
