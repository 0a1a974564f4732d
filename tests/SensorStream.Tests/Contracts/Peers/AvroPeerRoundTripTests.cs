using System.Text.Json.Nodes;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Tests.Contracts.Peers;

/// <summary>
/// Randomised round trips against Avro implementations we did not write: for every random schema and value, the peer
/// writes the same bytes we do, decodes ours to the same value, and we decode theirs.
/// </summary>
public sealed class AvroPeerRoundTripTests
{
    private const int SchemaCount = 60;
    private const int ValuesPerSchema = 8;

    [Theory]
    [InlineData("python-avro", 1000)]
    [InlineData("avsc", 2000)]
    public async Task RandomSchemas_PeerWritesSameBytes_AndEachSideDecodesTheOther(string peerName, int firstSeed)
    {
        var peer = AvroPeer.Named(peerName);
        var cases = Enumerable.Range(firstSeed, SchemaCount).Select(seed => Case.Create(seed)).ToList();
        var jobs = cases.SelectMany(c => new[] { AvroPeer.Encode(c.SchemaJson, c.Tagged), AvroPeer.Decode(c.SchemaJson, c.OursHex) }).ToList();

        var results = await peer.RunAsync(jobs, TestContext.Current.CancellationToken);

        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var theirs = results[2 * i]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
            var decodedByThem = results[(2 * i) + 1]!.AsArray();
            for (var j = 0; j < c.Values.Count; j++)
            {
                var context = $"seed {c.Seed}, value {j}\nschema {c.SchemaJson.ToJsonString()}\nvalue {c.Tagged[j]?.ToJsonString()}";
                Assert.True(c.OursHex[j] == theirs[j], $"{peer.Name} wrote different bytes ({context})\nours   {c.OursHex[j]}\ntheirs {theirs[j]}");
                var theirValue = TaggedJson.FromTagged(c.Schema, decodedByThem[j]);
                Assert.True(GenericDatum.DeepEquals(c.Values[j], theirValue), $"{peer.Name} decoded our bytes differently ({context})\ngot {decodedByThem[j]?.ToJsonString()}");
                var ourValue = AvroTestCodec.Decode(c.Schema, Convert.FromHexString(theirs[j]));
                Assert.True(GenericDatum.DeepEquals(c.Values[j], ourValue), $"we decoded {peer.Name}'s bytes differently ({context})");
            }
        }
    }

    private sealed record Case(int Seed, JsonNode SchemaJson, AvroSchema Schema, List<object?> Values, List<JsonNode?> Tagged, List<string> OursHex)
    {
        public static Case Create(int seed)
        {
            var random = new RandomAvro(seed);
            var json = random.SchemaJson();
            var schema = AvroSchema.Parse(json.ToJsonString());
            var values = Enumerable.Range(0, ValuesPerSchema).Select(_ => random.Datum(schema)).ToList();
            return new Case(seed, json, schema, values,
                values.Select(v => TaggedJson.ToTagged(schema, v)).ToList(),
                values.Select(v => Convert.ToHexStringLower(AvroTestCodec.Encode(schema, v))).ToList());
        }
    }
}
