using System.Numerics;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Schemas;
using SensorStream.Tests.Contracts.Peers;

namespace SensorStream.Tests.Contracts.Avro;

public sealed class GenericCodecTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-64L, "7f")]
    [InlineData(64L, "8001")]
    [InlineData(long.MaxValue, "feffffffffffffffff01")]
    [InlineData(long.MinValue, "ffffffffffffffffff01")]
    public void Long_IsZigZagVarint_AsTheSpecificationShows(long value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(AvroTestCodec.Encode(PrimitiveSchema.Of(AvroType.Long), value)));
    }

    [Fact]
    public void NaN_IsWrittenAsJavasCanonicalBits()
    {
        Assert.Equal("0000c07f", Convert.ToHexStringLower(AvroTestCodec.Encode(PrimitiveSchema.Of(AvroType.Float), -float.NaN)));
        Assert.Equal("000000000000f87f", Convert.ToHexStringLower(AvroTestCodec.Encode(PrimitiveSchema.Of(AvroType.Double), double.NaN)));
    }

    [Fact]
    public void RandomSchemas_RoundTripThroughTheGenericCodec()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new RandomAvro(seed);
            var schema = AvroSchema.Parse(random.SchemaJson().ToJsonString());
            for (var i = 0; i < 5; i++)
            {
                var value = random.Datum(schema);
                var decoded = AvroTestCodec.Decode(schema, AvroTestCodec.Encode(schema, value));
                Assert.True(GenericDatum.DeepEquals(value, decoded), $"seed {seed} value {i}: {schema}");
            }
        }
    }

    [Theory]
    [InlineData("-128", "0280")]
    [InlineData("-129", "04ff7f")]
    [InlineData("127", "027f")]
    [InlineData("128", "040080")]
    [InlineData("0", "0200")]
    [InlineData("-32768", "048000")]
    public void Decimal_IsMinimalTwosComplement_LikeJavasBigInteger(string unscaled, string hex)
    {
        var schema = AvroSchema.Parse("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":0}");

        Assert.Equal(hex, Convert.ToHexStringLower(AvroTestCodec.Encode(schema, new AvroDecimal(BigInteger.Parse(unscaled), 0))));
    }

    [Fact]
    public async Task Decimal_EdgeValues_PythonDecodesOurs_AndWeDecodeItsLongerNegativeForm()
    {
        // python-avro writes -2^(8k-1) one byte longer than needed (ff80 for -128); both forms are valid two's complement.
        var schemaJson = System.Text.Json.Nodes.JsonNode.Parse("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":38,\"scale\":2}")!;
        var schema = AvroSchema.Parse(schemaJson.ToJsonString());
        string[] values = ["-1.28", "-327.68", "-83886.08", "0.00", "-0.01", "1.27", "99999999999999999999999999999999999.99", "-99999999999999999999999999999999999.99"];
        var tagged = values.Select(v => (System.Text.Json.Nodes.JsonNode?)v).ToList();
        var ours = values.Select(v => Convert.ToHexStringLower(AvroTestCodec.Encode(schema, AvroDecimal.Parse(v)))).ToList();

        var results = await AvroPeer.Python.RunAsync([AvroPeer.Decode(schemaJson, ours), AvroPeer.Encode(schemaJson, tagged)], TestContext.Current.CancellationToken);

        Assert.Equal(values, results[0]!.AsArray().Select(n => n!.GetValue<string>()));
        var theirs = results[1]!.AsArray().Select(n => Convert.FromHexString(n!.GetValue<string>())).ToList();
        Assert.Equal(values, theirs.Select(b => AvroTestCodec.Decode(schema, b)!.ToString()));
    }

    [Fact]
    public void Encode_ValueOfTheWrongType_ThrowsNamingTheField()
    {
        var schema = (RecordSchema)AvroSchema.Parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        var record = new GenericRecord(schema) { [0] = "not an int" };

        var error = Assert.Throws<AvroEncodeException>(() => AvroTestCodec.Encode(schema, record));

        Assert.Contains("R.a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_DecimalWithMoreDigitsThanPrecision_Throws()
    {
        var schema = AvroSchema.Parse("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":3,\"scale\":1}");

        Assert.Throws<AvroEncodeException>(() => AvroTestCodec.Encode(schema, 123.4m));
        Assert.Throws<AvroEncodeException>(() => AvroTestCodec.Encode(schema, 1.25m));
    }

    [Fact]
    public void AvroWriter_GrowsPastItsInitialSpan_AndKeepsEveryByte()
    {
        var writer = new AvroWriter(stackalloc byte[4]);
        try
        {
            for (var i = 0; i < 1000; i++)
            {
                writer.WriteLong(i);
            }
            var reader = new AvroReader(writer.WrittenSpan);
            for (var i = 0; i < 1000; i++)
            {
                Assert.Equal(i, reader.ReadLong());
            }
        }
        finally
        {
            writer.Dispose();
        }
    }
}
