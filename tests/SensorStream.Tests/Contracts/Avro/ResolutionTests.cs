using System.Text.Json.Nodes;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Resolution;
using SensorStream.Contracts.Avro.Schemas;
using SensorStream.Tests.Contracts.Peers;

namespace SensorStream.Tests.Contracts.Avro;

/// <summary>Schema resolution (reader vs writer), checked against python-avro's and avsc's own resolution.</summary>
public sealed class ResolutionTests
{
    private const string V1 = """
        {"type":"record","name":"Reading","namespace":"t","fields":[
          {"name":"id","type":"string"},
          {"name":"value","type":"int"},
          {"name":"level","type":{"type":"enum","name":"Level","symbols":["LOW","HIGH"],"default":"LOW"}}]}
        """;

    private const string V2 = """
        {"type":"record","name":"Reading","namespace":"t","fields":[
          {"name":"id","type":"string"},
          {"name":"value","type":"int"},
          {"name":"level","type":{"type":"enum","name":"Level","symbols":["LOW","HIGH","EXTREME"],"default":"LOW"}},
          {"name":"unit","type":"string","default":"degC"},
          {"name":"tags","type":{"type":"map","values":"long"},"default":{"a":1}}]}
        """;

    /// <summary>
    /// (writer, reader) pairs the specification says resolve. python-avro 1.11.1 lacks four rules of the specification
    /// (enum defaults, field aliases, string/bytes promotion, a writer union read as a non-union), so those pairs are checked
    /// against avsc only; avsc promotes long to float through a JavaScript number, wrong beyond ±2^53, so that pair is
    /// checked against python-avro only.
    /// </summary>
    public static readonly (string Name, string Writer, string Reader)[] Pairs =
    [
        ("added fields with defaults", V1, V2),
        ("removed fields", V2, V1),
        ("int promoted to long", "\"int\"", "\"long\""),
        ("int promoted to double", "\"int\"", "\"double\""),
        ("long promoted to float", "\"long\"", "\"float\""),
        ("float promoted to double", "\"float\"", "\"double\""),
        ("string read as bytes", "\"string\"", "\"bytes\""),
        ("bytes read as string", "\"bytes\"", "\"string\""),
        ("non-union into union", "\"int\"", "[\"null\",\"string\",\"long\"]"),
        ("union into non-union", "[\"int\",\"long\"]", "\"long\""),
        ("union reordered", "[\"null\",\"int\",\"string\"]", "[\"string\",\"null\",\"long\"]"),
        ("reordered fields", """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"b","type":"string"},{"name":"a","type":"long"}]}"""),
        ("renamed field by alias", """{"type":"record","name":"R","fields":[{"name":"old","type":"int"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"new","type":"int","aliases":["old"]}]}"""),
        ("array of evolved records", """{"type":"array","items":{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}}""",
            """{"type":"array","items":{"type":"record","name":"R","fields":[{"name":"a","type":"double"},{"name":"b","type":["null","int"],"default":null}]}}"""),
    ];

    private static readonly string[] PythonLacks = ["removed fields", "renamed field by alias", "string read as bytes", "bytes read as string", "union into non-union"];
    private static readonly string[] AvscLacks = ["long promoted to float"];

    public static TheoryData<string> PairNames() => new(Pairs.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PairNames))]
    public async Task Resolve_KnownPair_MatchesPythonAndAvsc(string name)
    {
        var (_, writerText, readerText) = Pairs.Single(p => p.Name == name);
        var writer = AvroSchema.Parse(writerText);
        var reader = AvroSchema.Parse(readerText);
        var random = new RandomAvro(name.Length);
        var values = Enumerable.Range(0, 20)
            .Select(_ => writer.Type == AvroType.Bytes ? System.Text.Encoding.UTF8.GetBytes(random.Text(8)) : random.Datum(writer))
            .ToList();
        var hex = values.Select(v => Convert.ToHexStringLower(AvroTestCodec.Encode(writer, v))).ToList();
        var decoder = new ResolvingDecoder(writer, reader);
        var ours = hex.Select(h => TaggedJson.ToTagged(reader, decoder.ReadGeneric(Convert.FromHexString(h)))).ToList();
        var job = AvroPeer.Decode(JsonNode.Parse(writerText)!, hex, JsonNode.Parse(readerText));

        var peers = new[] { AvroPeer.Python, AvroPeer.Avsc }
            .Where(p => !(p == AvroPeer.Python && PythonLacks.Contains(name)) && !(p == AvroPeer.Avsc && AvscLacks.Contains(name)));
        foreach (var peer in peers)
        {
            var theirs = (await peer.RunAsync([job], TestContext.Current.CancellationToken))[0]!.AsArray();
            for (var i = 0; i < values.Count; i++)
            {
                var theirValue = TaggedJson.FromTagged(reader, theirs[i]);
                var ourValue = TaggedJson.FromTagged(reader, ours[i]);
                Assert.True(GenericDatum.DeepEquals(ourValue, theirValue),
                    $"{name}: {peer.Name} resolved value {i} to {theirs[i]?.ToJsonString()}, we to {ours[i]?.ToJsonString()}");
            }
        }
    }

    [Fact]
    public void V1ReaderOfV2Data_SkipsAddedFields_AndMapsUnknownEnumSymbolToTheDefault()
    {
        var v2 = (RecordSchema)AvroSchema.Parse(V2);
        var data = new GenericRecord(v2) { [0] = "s1", [1] = 7, [2] = new GenericEnum((EnumSchema)v2.Fields[2].Schema, "EXTREME"), [3] = "K", [4] = new Dictionary<string, object?> { ["x"] = 1L } };

        var read = (GenericRecord)new ResolvingDecoder(v2, AvroSchema.Parse(V1)).ReadGeneric(AvroTestCodec.Encode(v2, data))!;

        Assert.Equal("s1", read["id"]);
        Assert.Equal(7, read["value"]);
        Assert.Equal("LOW", ((GenericEnum)read["level"]!).Symbol);
    }

    [Fact]
    public void V2ReaderOfV1Data_FillsDefaults()
    {
        var v1 = (RecordSchema)AvroSchema.Parse(V1);
        var data = new GenericRecord(v1) { [0] = "s1", [1] = 7, [2] = new GenericEnum((EnumSchema)v1.Fields[2].Schema, "HIGH") };

        var read = (GenericRecord)new ResolvingDecoder(v1, AvroSchema.Parse(V2)).ReadGeneric(AvroTestCodec.Encode(v1, data))!;

        Assert.Equal("degC", read["unit"]);
        Assert.Equal(1L, ((Dictionary<string, object?>)read["tags"]!)["a"]);
        Assert.Equal("HIGH", ((GenericEnum)read["level"]!).Symbol);
    }

    [Fact]
    public void UnknownEnumSymbol_WithoutReaderDefault_FailsOnlyWhenItOccurs()
    {
        var writer = AvroSchema.Parse("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\",\"C\"]}");
        var reader = AvroSchema.Parse("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}");
        var decoder = new ResolvingDecoder(writer, reader);

        Assert.Equal("B", ((GenericEnum)decoder.ReadGeneric([0x02])!).Symbol);
        var error = Assert.Throws<AvroDecodeException>(() => decoder.ReadGeneric([0x04]));
        Assert.Equal(AvroDecodeError.IncompatibleSchema, error.Reason);
    }

    [Fact]
    public void MissingReaderFieldWithoutDefault_FailsWithIncompatibleSchema()
    {
        var writer = AvroSchema.Parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");
        var reader = AvroSchema.Parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");

        var error = Assert.Throws<AvroDecodeException>(() => new ResolvingDecoder(writer, reader).ReadGeneric([]));

        Assert.Equal(AvroDecodeError.IncompatibleSchema, error.Reason);
        Assert.Contains("R.a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecursiveSchema_ResolvesAgainstItsEvolvedSelf()
    {
        var writer = AvroSchema.Parse("{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"v\",\"type\":\"int\"},{\"name\":\"next\",\"type\":[\"null\",\"N\"]}]}");
        var reader = AvroSchema.Parse("{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"next\",\"type\":[\"null\",\"N\"]},{\"name\":\"v\",\"type\":\"long\"},{\"name\":\"w\",\"type\":\"int\",\"default\":9}]}");
        byte[] twoNodes = [0x02, 0x02, 0x04, 0x00];

        var read = (GenericRecord)new ResolvingDecoder(writer, reader).ReadGeneric(twoNodes)!;

        Assert.Equal(1L, read["v"]);
        Assert.Equal(9, read["w"]);
        Assert.Equal(2L, ((GenericRecord)read["next"]!)["v"]);
    }

    [Fact]
    public void DefaultsCannotAmplifyAHostilePayloadIntoGigabytes()
    {
        // A million empty writer records cost ~4 bytes; each gains a 1000-byte default in the reader: 1 GB if unchecked.
        var writer = AvroSchema.Parse("{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"E\",\"fields\":[]}}");
        var reader = AvroSchema.Parse("{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"pad\",\"type\":\"string\",\"default\":\"" + new string('x', 1000) + "\"}]}}");
        byte[] payload = [0xfe, 0x83, 0x7a, 0x00];
        var decoder = new ResolvingDecoder(writer, reader);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<AvroDecodeException>(() => decoder.ReadGeneric(payload));

        Assert.Equal(AvroDecodeError.OversizedLength, error.Reason);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 512L * 1024 * 1024, "the cap must stop the rewrite well before a gigabyte");
    }
}
