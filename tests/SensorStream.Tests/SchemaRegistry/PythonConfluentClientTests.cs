using System.Text.Json.Nodes;
using SensorStream.Tests.Peers;

namespace SensorStream.Tests.SchemaRegistry;

/// <summary>python3-confluent-kafka's SchemaRegistryClient (Confluent's own Python client) against our registry.</summary>
public sealed class PythonConfluentClientTests(RegistryServerFixture fixture) : IClassFixture<RegistryServerFixture>
{
    [Fact]
    public async Task ConfluentPythonClient_RegistersLooksUpFetchesChecksAndDeletes()
    {
        var subject = RegistryServerFixture.NewSubject("python");

        var output = await PeerProcess.RunAsync(PeerPaths.Python,
            [PeerPaths.Script("schema-registry", "confluent_registry_client.py"), fixture.Server.Url.ToString(), subject],
            null, TestContext.Current.CancellationToken);
        var result = JsonNode.Parse(output)!;

        var id1 = result["id1"]!.GetValue<int>();
        var id2 = result["id2"]!.GetValue<int>();
        Assert.NotEqual(id1, id2);
        Assert.True(result["compatible_v2"]!.GetValue<bool>());
        Assert.False(result["compatible_incompatible"]!.GetValue<bool>());
        Assert.Equal(id1, result["lookup"]!["id"]!.GetValue<int>());
        Assert.Equal(1, result["lookup"]!["version"]!.GetValue<int>());
        Assert.Equal(subject, result["lookup"]!["subject"]!.GetValue<string>());
        Assert.Equal(id2, result["latest"]!["id"]!.GetValue<int>());
        Assert.Equal(2, result["latest"]!["version"]!.GetValue<int>());
        Assert.Equal(id1, result["version1_id"]!.GetValue<int>());
        Assert.Equal(fixture.Server.Store.GetSchema(id2), result["schema_by_id"]!.GetValue<string>());
        Assert.Contains(subject, result["subjects"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal([1, 2], result["versions"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal("FULL", result["set_compatibility"]!["compatibility"]!.GetValue<string>());
        Assert.Equal("FULL", result["compatibility"]!.GetValue<string>());
        Assert.Equal("BACKWARD", result["global_compatibility"]!.GetValue<string>());
        AssertError(result["incompatible"], 409, 409);
        AssertError(result["invalid"], 422, 42201);
        AssertError(result["missing_version"], 404, 40402);
        AssertError(result["missing_subject"], 404, 40401);
        AssertError(result["missing_schema"], 404, 40403);
        Assert.Equal(2, result["deleted_version"]!.GetValue<int>());
        Assert.Equal([1], result["deleted_subject"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.DoesNotContain(subject, result["subjects_after"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain(subject, fixture.Server.Store.GetSubjects(includeDeleted: true));
    }

    private static void AssertError(JsonNode? error, int status, int code)
    {
        Assert.NotNull(error);
        Assert.Equal(status, error["http_status"]!.GetValue<int>());
        Assert.Equal(code, error["error_code"]!.GetValue<int>());
    }
}
