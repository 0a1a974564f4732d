using System.Text.Json.Nodes;
using SensorStream.Contracts.Avro.Resolution;
using SensorStream.Contracts.Avro.Schemas;
using SensorStream.Tests.Contracts.Peers;

namespace SensorStream.Tests.Contracts.Avro;

/// <summary>The static reader/writer compatibility check, against python-avro's ReaderWriterCompatibilityChecker.</summary>
public sealed class SchemaCompatibilityTests
{
    private const string Base = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""";

    public static readonly (string Name, string Writer, string Reader, bool Compatible)[] Cases =
    [
        ("same schema", Base, Base, true),
        ("reader adds field with default", Base, """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":""}]}""", true),
        ("reader adds field without default", Base, """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""", false),
        ("reader drops a field", """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""", Base, true),
        ("int widened to long", Base, """{"type":"record","name":"R","fields":[{"name":"a","type":"long"}]}""", true),
        ("long narrowed to int", """{"type":"record","name":"R","fields":[{"name":"a","type":"long"}]}""", Base, false),
        ("record renamed", Base, """{"type":"record","name":"S","fields":[{"name":"a","type":"int"}]}""", false),
        ("record renamed with alias", Base, """{"type":"record","name":"S","aliases":["R"],"fields":[{"name":"a","type":"int"}]}""", true),
        ("enum symbol added by writer, reader has default", """{"type":"enum","name":"E","symbols":["A","B"]}""", """{"type":"enum","name":"E","symbols":["A"],"default":"A"}""", true),
        ("enum symbol added by writer, no default", """{"type":"enum","name":"E","symbols":["A","B"]}""", """{"type":"enum","name":"E","symbols":["A"]}""", false),
        ("fixed size changed", """{"type":"fixed","name":"F","size":4}""", """{"type":"fixed","name":"F","size":8}""", false),
        ("union branch removed by reader", """["null","int","string"]""", """["null","int"]""", false),
        ("union branch added by reader", """["null","int"]""", """["null","int","string"]""", true),
        ("value into optional", "\"int\"", """["null","int"]""", true),
        ("optional into value", """["null","int"]""", "\"int\"", false),
        ("array items widened", """{"type":"array","items":"float"}""", """{"type":"array","items":"double"}""", true),
        ("map values changed type", """{"type":"map","values":"string"}""", """{"type":"map","values":"int"}""", false),
        ("string to bytes", "\"string\"", "\"bytes\"", true),
    ];

    public static TheoryData<string> CaseNames() => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void CanRead_KnownCase_GivesTheExpectedAnswer(string name)
    {
        var (_, writer, reader, compatible) = Cases.Single(c => c.Name == name);

        var problems = SchemaCompatibility.CanRead(AvroSchema.Parse(reader), AvroSchema.Parse(writer));

        Assert.True(compatible == (problems.Count == 0), $"{name}: expected {(compatible ? "compatible" : "incompatible")}, problems: {string.Join("; ", problems)}");
    }

    [Fact]
    public async Task CanRead_AgreesWithPythonAvrosChecker_OnEveryCase()
    {
        var jobs = Cases.Select(c => AvroPeer.Compatible(JsonNode.Parse(c.Writer)!, JsonNode.Parse(c.Reader)!)).ToList();

        var python = await AvroPeer.Python.RunAsync(jobs, TestContext.Current.CancellationToken);

        for (var i = 0; i < Cases.Length; i++)
        {
            var ours = SchemaCompatibility.CanRead(AvroSchema.Parse(Cases[i].Reader), AvroSchema.Parse(Cases[i].Writer)).Count == 0;
            Assert.True(python[i]!.GetValue<bool>() == ours, $"{Cases[i].Name}: python-avro says {python[i]}, we say {ours}");
        }
    }

    [Fact]
    public void CanRead_Incompatible_NamesThePath()
    {
        var problems = SchemaCompatibility.CanRead(
            AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"x","type":"int"}]}}]}"""),
            AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"x","type":"string"}]}}]}"""));

        Assert.Contains(problems, p => p.StartsWith("/fields/inner/fields/x/", StringComparison.Ordinal));
    }
}
