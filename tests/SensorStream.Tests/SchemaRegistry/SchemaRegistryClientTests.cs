using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.Tests.SchemaRegistry;

/// <summary>Our registry client against our registry server, every call, errors included.</summary>
public sealed class SchemaRegistryClientTests(RegistryServerFixture fixture) : IClassFixture<RegistryServerFixture>, IDisposable
{
    private const string V1 = """{"type":"record","name":"C","fields":[{"name":"a","type":"int"}]}""";
    private const string V2 = """{"type":"record","name":"C","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":""}]}""";

    private readonly SchemaRegistryClient _client = new(new SchemaRegistryClientOptions { Url = fixture.Server.Url, RequestTimeout = TimeSpan.FromSeconds(10) });

    public void Dispose() => _client.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryCall_WorksAgainstTheServer()
    {
        var subject = RegistryServerFixture.NewSubject("client");

        var id1 = await _client.RegisterSchemaAsync(subject, V1, Ct);
        Assert.True(await _client.IsCompatibleAsync(subject, V2, cancellationToken: Ct));
        var id2 = await _client.RegisterSchemaAsync(subject, V2, Ct);
        var lookup = await _client.LookupSchemaAsync(subject, V1, Ct);
        var latest = await _client.GetLatestSchemaAsync(subject, Ct);
        var first = await _client.GetSchemaVersionAsync(subject, 1, Ct);
        await _client.SetCompatibilityAsync(CompatibilityLevel.ForwardTransitive, subject, Ct);

        Assert.NotEqual(id1, id2);
        Assert.Equal((subject, 1, id1), (lookup.Subject, lookup.Version, lookup.Id));
        Assert.Equal((2, id2), (latest.Version, latest.Id));
        Assert.Equal(id1, first.Id);
        Assert.Contains("\"name\":\"C\"", await _client.GetSchemaAsync(id2, Ct), StringComparison.Ordinal);
        Assert.Contains(subject, await _client.GetSubjectsAsync(Ct));
        Assert.Equal([1, 2], await _client.GetVersionsAsync(subject, Ct));
        Assert.Equal(CompatibilityLevel.ForwardTransitive, await _client.GetCompatibilityAsync(subject, Ct));
        Assert.Equal(CompatibilityLevel.Backward, await _client.GetCompatibilityAsync(cancellationToken: Ct));
        Assert.Equal(2, await _client.DeleteVersionAsync(subject, 2, cancellationToken: Ct));
        Assert.Equal(2, await _client.DeleteVersionAsync(subject, 2, permanent: true, cancellationToken: Ct));
        Assert.Equal([1], await _client.DeleteSubjectAsync(subject, cancellationToken: Ct));
        Assert.Equal([1], await _client.DeleteSubjectAsync(subject, permanent: true, cancellationToken: Ct));
    }

    [Fact]
    public async Task Errors_CarryConfluentsCodes()
    {
        var subject = RegistryServerFixture.NewSubject("client");

        var notFound = await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.GetLatestSchemaAsync(subject, Ct));
        var invalid = await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.RegisterSchemaAsync(subject, "{\"type\":\"nope\"}", Ct));
        var noSchema = await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.GetSchemaAsync(int.MaxValue, Ct));

        Assert.Equal((404, 40401), (notFound.HttpStatus, notFound.ErrorCode));
        Assert.Equal((422, 42201), (invalid.HttpStatus, invalid.ErrorCode));
        Assert.Contains("unknown type 'nope'", invalid.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(40403, noSchema.ErrorCode);
    }

    [Fact]
    public async Task Unreachable_FailsWithinTheTimeout()
    {
        using var client = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = new Uri("http://127.0.0.1:9"), RequestTimeout = TimeSpan.FromSeconds(2) });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetSubjectsAsync(Ct)).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }
}
