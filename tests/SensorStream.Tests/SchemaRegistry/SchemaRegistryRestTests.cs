using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SensorStream.Tests.SchemaRegistry;

/// <summary>The REST API as Confluent defines it: paths, JSON shapes, content type, status and error codes.</summary>
public sealed class SchemaRegistryRestTests(RegistryServerFixture fixture) : IClassFixture<RegistryServerFixture>, IDisposable
{
    private const string Vnd = "application/vnd.schemaregistry.v1+json";
    private const string V1 = """{"type":"record","name":"Reading","namespace":"t","fields":[{"name":"id","type":"string"}]}""";
    private const string V2 = """{"type":"record","name":"Reading","namespace":"t","fields":[{"name":"id","type":"string"},{"name":"unit","type":"string","default":"degC"}]}""";
    private const string Incompatible = """{"type":"record","name":"Reading","namespace":"t","fields":[{"name":"id","type":"string"},{"name":"unit","type":"string"}]}""";

    private readonly HttpClient _http = new() { BaseAddress = fixture.Server.Url, Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose() => _http.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = Vnd)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await _http.SendAsync(request, Ct);
        Assert.Equal(Vnd, response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return ((int)response.StatusCode, JsonNode.Parse(text));
    }

    private static string SchemaBody(string schema) => new JsonObject { ["schema"] = schema }.ToJsonString();

    private static void AssertError((int Status, JsonNode? Body) response, int status, int code)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal(code, response.Body!["error_code"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(response.Body!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Register_ReturnsId_SameSchemaSameId_AcrossSubjects()
    {
        var a = RegistryServerFixture.NewSubject();
        var b = RegistryServerFixture.NewSubject();

        var first = await SendAsync(HttpMethod.Post, $"/subjects/{a}/versions", SchemaBody(V1));
        var again = await SendAsync(HttpMethod.Post, $"/subjects/{a}/versions", SchemaBody(V1));
        var other = await SendAsync(HttpMethod.Post, $"/subjects/{b}/versions", SchemaBody(V1));

        Assert.Equal(200, first.Status);
        var id = first.Body!["id"]!.GetValue<int>();
        Assert.Equal(id, again.Body!["id"]!.GetValue<int>());
        Assert.Equal(id, other.Body!["id"]!.GetValue<int>());
        Assert.Equal([1], (await SendAsync(HttpMethod.Get, $"/subjects/{a}/versions")).Body!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/octet-stream")]
    [InlineData("application/vnd.schemaregistry+json")]
    public async Task Register_AcceptsTheBodyContentTypesConfluentAccepts(string contentType)
    {
        var response = await SendAsync(HttpMethod.Post, $"/subjects/{RegistryServerFixture.NewSubject()}/versions", SchemaBody(V1), contentType);

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task GetVersion_ReturnsSubjectVersionIdSchema_ForNumberAndLatest()
    {
        var subject = RegistryServerFixture.NewSubject();
        var id1 = (await SendAsync(HttpMethod.Post, $"/subjects/{subject}/versions", SchemaBody(V1))).Body!["id"]!.GetValue<int>();
        var id2 = (await SendAsync(HttpMethod.Post, $"/subjects/{subject}/versions", SchemaBody(V2))).Body!["id"]!.GetValue<int>();

        var v1 = (await SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions/1")).Body!;
        var latest = (await SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions/latest")).Body!;
        var byId = (await SendAsync(HttpMethod.Get, $"/schemas/ids/{id2}")).Body!;

        Assert.Equal(subject, v1["subject"]!.GetValue<string>());
        Assert.Equal(1, v1["version"]!.GetValue<int>());
        Assert.Equal(id1, v1["id"]!.GetValue<int>());
        Assert.Equal(2, latest["version"]!.GetValue<int>());
        Assert.Equal(id2, latest["id"]!.GetValue<int>());
        Assert.Equal(latest["schema"]!.GetValue<string>(), byId["schema"]!.GetValue<string>());
        Assert.Contains("\"default\":\"degC\"", byId["schema"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_FindsRegisteredVersion_AndSays40403ForAnotherSchema()
    {
        var subject = RegistryServerFixture.NewSubject();
        await SendAsync(HttpMethod.Post, $"/subjects/{subject}/versions", SchemaBody(V1));

        var found = await SendAsync(HttpMethod.Post, $"/subjects/{subject}", SchemaBody(V1));
        var missing = await SendAsync(HttpMethod.Post, $"/subjects/{subject}", SchemaBody(V2));

        Assert.Equal(1, found.Body!["version"]!.GetValue<int>());
        AssertError(missing, 404, 40403);
    }

    [Fact]
    public async Task Register_Incompatible_Is409UnderBackward_AndCompatibilityEndpointAgrees()
    {
        var subject = RegistryServerFixture.NewSubject();
        await SendAsync(HttpMethod.Post, $"/subjects/{subject}/versions", SchemaBody(V1));

        var check = await SendAsync(HttpMethod.Post, $"/compatibility/subjects/{subject}/versions/latest?verbose=true", SchemaBody(Incompatible));
        var checkOk = await SendAsync(HttpMethod.Post, $"/compatibility/subjects/{subject}/versions/1", SchemaBody(V2));
        var refused = await SendAsync(HttpMethod.Post, $"/subjects/{subject}/versions", SchemaBody(Incompatible));

        Assert.False(check.Body!["is_compatible"]!.GetValue<bool>());
        Assert.Contains("unit", check.Body!["messages"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(checkOk.Body!["is_compatible"]!.GetValue<bool>());
        AssertError(refused, 409, 409);
        Assert.Equal([1], (await SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions")).Body!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Theory]
    [InlineData("{\"schema\":\"{\\\"type\\\":\\\"recrod\\\"}\"}", 422, 42201, "unknown type 'recrod'")]
    [InlineData("{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\",\\\"default\\\":null}]}\"}", 422, 42201, "$.fields[0].default")]
    [InlineData("{\"schema\":\"not json\"}", 422, 42201, "not valid JSON")]
    [InlineData("{\"schema\":\"\"}", 422, 42201, "schema")]
    [InlineData("{}", 422, 42201, "schema")]
    [InlineData("{\"schema\":\"\\\"int\\\"\",\"schemaType\":\"PROTOBUF\"}", 422, 42201, "PROTOBUF")]
    [InlineData("{\"schema\":\"\\\"int\\\"\",\"references\":[{\"name\":\"x\",\"subject\":\"y\",\"version\":1}]}", 422, 42201, "references")]
    [InlineData("{\"schema\":", 400, 400, "not valid JSON")]
    [InlineData("[1]", 400, 400, "JSON object")]
    public async Task Register_BadBody_GetsConfluentsErrorWithTheParsersMessage(string body, int status, int code, string message)
    {
        var response = await SendAsync(HttpMethod.Post, $"/subjects/{RegistryServerFixture.NewSubject()}/versions", body);

        AssertError(response, status, code);
        Assert.Contains(message, response.Body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/subjects/{s}/versions", 404, 40401)]
    [InlineData("/subjects/{s}/versions/1", 404, 40401)]
    [InlineData("/subjects/{known}/versions/7", 404, 40402)]
    [InlineData("/subjects/{known}/versions/0", 422, 42202)]
    [InlineData("/subjects/{known}/versions/abc", 422, 42202)]
    [InlineData("/subjects/{known}/versions/-2", 422, 42202)]
    [InlineData("/schemas/ids/99999999", 404, 40403)]
    [InlineData("/schemas/ids/x", 404, 40403)]
    [InlineData("/config/{known}", 404, 40408)]
    public async Task Get_Missing_GetsTheConfluentErrorCode(string path, int status, int code)
    {
        var known = RegistryServerFixture.NewSubject();
        await SendAsync(HttpMethod.Post, $"/subjects/{known}/versions", SchemaBody(V1));

        var response = await SendAsync(HttpMethod.Get, path.Replace("{s}", RegistryServerFixture.NewSubject()).Replace("{known}", known));

        AssertError(response, status, code);
    }

    [Fact]
    public async Task Config_GlobalAndSubject_GetPutAndValidate()
    {
        var subject = RegistryServerFixture.NewSubject();

        var put = await SendAsync(HttpMethod.Put, $"/config/{subject}", "{\"compatibility\":\"full_transitive\"}");
        var get = await SendAsync(HttpMethod.Get, $"/config/{subject}");
        var global = await SendAsync(HttpMethod.Get, "/config");
        var invalid = await SendAsync(HttpMethod.Put, "/config", "{\"compatibility\":\"SIDEWAYS\"}");
        var defaulted = await SendAsync(HttpMethod.Get, $"/config/{RegistryServerFixture.NewSubject()}?defaultToGlobal=true");
        var removed = await SendAsync(HttpMethod.Delete, $"/config/{subject}");

        Assert.Equal("FULL_TRANSITIVE", put.Body!["compatibility"]!.GetValue<string>());
        Assert.Equal("FULL_TRANSITIVE", get.Body!["compatibilityLevel"]!.GetValue<string>());
        Assert.Equal("BACKWARD", global.Body!["compatibilityLevel"]!.GetValue<string>());
        AssertError(invalid, 422, 42203);
        Assert.Equal("BACKWARD", defaulted.Body!["compatibilityLevel"]!.GetValue<string>());
        Assert.Equal("FULL_TRANSITIVE", removed.Body!["compatibilityLevel"]!.GetValue<string>());
        AssertError(await SendAsync(HttpMethod.Get, $"/config/{subject}"), 404, 40408);
    }

    [Fact]
    public async Task Delete_SoftThenPermanent_FollowsConfluentsRules()
    {
        var subject = RegistryServerFixture.NewSubject();
        var id = (await SendAsync(HttpMethod.Post, $"/subjects/{subject}/versions", SchemaBody(V1))).Body!["id"]!.GetValue<int>();
        await SendAsync(HttpMethod.Post, $"/subjects/{subject}/versions", SchemaBody(V2));

        AssertError(await SendAsync(HttpMethod.Delete, $"/subjects/{subject}?permanent=true"), 404, 40405);
        var deletedVersion = await SendAsync(HttpMethod.Delete, $"/subjects/{subject}/versions/latest");
        Assert.Equal(2, deletedVersion.Body!.GetValue<int>());
        Assert.Equal(1, (await SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions/latest")).Body!["version"]!.GetValue<int>());

        var soft = await SendAsync(HttpMethod.Delete, $"/subjects/{subject}");
        Assert.Equal([1], soft.Body!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.DoesNotContain(subject, (await SendAsync(HttpMethod.Get, "/subjects")).Body!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains(subject, (await SendAsync(HttpMethod.Get, "/subjects?deleted=true")).Body!.AsArray().Select(n => n!.GetValue<string>()));
        AssertError(await SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions"), 404, 40401);
        AssertError(await SendAsync(HttpMethod.Delete, $"/subjects/{subject}"), 404, 40404);
        Assert.Equal(200, (await SendAsync(HttpMethod.Get, $"/schemas/ids/{id}")).Status);

        var permanent = await SendAsync(HttpMethod.Delete, $"/subjects/{subject}?permanent=true");
        Assert.Equal([1, 2], permanent.Body!.AsArray().Select(n => n!.GetValue<int>()));
        AssertError(await SendAsync(HttpMethod.Delete, $"/subjects/{subject}"), 404, 40401);
    }

    [Fact]
    public async Task Register_AfterSoftDelete_ContinuesVersionNumbers()
    {
        var subject = RegistryServerFixture.NewSubject();
        await SendAsync(HttpMethod.Post, $"/subjects/{subject}/versions", SchemaBody(V1));
        await SendAsync(HttpMethod.Delete, $"/subjects/{subject}");

        await SendAsync(HttpMethod.Post, $"/subjects/{subject}/versions", SchemaBody(V1));

        Assert.Equal([2], (await SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions")).Body!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Fact]
    public async Task SchemaTypes_And_RawSchema_AreServed()
    {
        var subject = RegistryServerFixture.NewSubject();
        await SendAsync(HttpMethod.Post, $"/subjects/{subject}/versions", SchemaBody(V1));

        Assert.Equal("AVRO", (await SendAsync(HttpMethod.Get, "/schemas/types")).Body![0]!.GetValue<string>());
        var raw = await SendAsync(HttpMethod.Get, $"/subjects/{subject}/versions/1/schema");
        Assert.Equal("Reading", raw.Body!["name"]!.GetValue<string>());
    }
}
