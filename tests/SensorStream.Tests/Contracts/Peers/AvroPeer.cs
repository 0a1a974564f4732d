using System.Text.Json.Nodes;
using SensorStream.Tests.Peers;

namespace SensorStream.Tests.Contracts.Peers;

/// <summary>One of the two Avro peers (Apache Avro for Python, avsc for Node), run once per batch of jobs.</summary>
internal sealed class AvroPeer
{
    public static readonly AvroPeer Python = new("python-avro", PeerPaths.Python, PeerPaths.Script("avro", "avro_peer.py"), null);
    public static readonly AvroPeer Avsc = new("avsc", PeerPaths.Node, PeerPaths.Script("avro", "avsc_peer.mjs"), "avsc");

    private readonly string _program;
    private readonly string _script;
    private readonly string? _npmPackage;

    private AvroPeer(string name, string program, string script, string? npmPackage)
    {
        Name = name;
        _program = program;
        _script = script;
        _npmPackage = npmPackage;
    }

    public string Name { get; }

    public static AvroPeer Named(string name) => name == Python.Name ? Python : name == Avsc.Name ? Avsc : throw new ArgumentException(name);

    public static JsonObject Encode(JsonNode schema, IEnumerable<JsonNode?> tagged) =>
        new() { ["op"] = "encode", ["schema"] = schema.DeepClone(), ["data"] = new JsonArray(tagged.Select(t => t?.DeepClone()).ToArray()) };

    public static JsonObject Decode(JsonNode schema, IEnumerable<string> hex, JsonNode? readerSchema = null)
    {
        var job = new JsonObject { ["op"] = "decode", ["schema"] = schema.DeepClone(), ["data"] = new JsonArray(hex.Select(h => (JsonNode)h).ToArray()) };
        if (readerSchema is not null)
        {
            job["readerSchema"] = readerSchema.DeepClone();
        }
        return job;
    }

    public static JsonObject Compatible(JsonNode writer, JsonNode reader) =>
        new() { ["op"] = "compatible", ["schema"] = writer.DeepClone(), ["readerSchema"] = reader.DeepClone() };

    public static JsonObject Canonical(JsonNode schema) => new() { ["op"] = "canonical", ["schema"] = schema.DeepClone() };

    /// <summary>Runs the jobs; a job the peer refused fails the test with the peer's own error text.</summary>
    public async Task<IReadOnlyList<JsonNode?>> RunAsync(IReadOnlyList<JsonObject> jobs, CancellationToken cancellationToken)
    {
        if (_npmPackage is not null)
        {
            PeerPaths.RequireNodeModules(_npmPackage);
        }
        var request = new JsonObject { ["jobs"] = new JsonArray(jobs.Select(j => j.DeepClone()).ToArray()) };
        var output = await PeerProcess.RunAsync(_program, [_script], request.ToJsonString(), cancellationToken);
        var results = JsonNode.Parse(output)!["results"]!.AsArray();
        var data = new List<JsonNode?>();
        for (var i = 0; i < results.Count; i++)
        {
            if (!results[i]!["ok"]!.GetValue<bool>())
            {
                Assert.Fail($"{Name} failed job {i} ({jobs[i]["op"]} of {Shorten(jobs[i]["schema"]!.ToJsonString())}): {results[i]!["error"]}");
            }
            data.Add(results[i]!["data"]);
        }
        return data;
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
