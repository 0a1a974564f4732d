using SensorStream.Contracts.SchemaRegistry;
using SensorStream.EmbeddedBroker.SchemaRegistry;

namespace SensorStream.Tests.SchemaRegistry;

/// <summary>Persistence, crash safety and the compatibility levels of the store itself.</summary>
public sealed class SchemaRegistryStoreTests : IDisposable
{
    private const string A1 = """{"type":"record","name":"A","fields":[{"name":"x","type":"int"}]}""";
    private const string A2AddsDefaulted = """{"type":"record","name":"A","fields":[{"name":"x","type":"int"},{"name":"y","type":"int","default":0}]}""";
    private const string A3AddsRequired = """{"type":"record","name":"A","fields":[{"name":"x","type":"int"},{"name":"y","type":"int","default":0},{"name":"z","type":"int"}]}""";
    private const string A4DropsX = """{"type":"record","name":"A","fields":[{"name":"y","type":"int","default":0}]}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("sensorstream-store-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Reopen_KeepsIdsVersionsConfigAndDeletes()
    {
        int id1, id2;
        using (var store = new SchemaRegistryStore(_directory))
        {
            id1 = store.Register("s-value", A1).Id;
            id2 = store.Register("s-value", A2AddsDefaulted).Id;
            store.Register("t-value", A1);
            store.SetCompatibility(CompatibilityLevel.Full, "s-value");
            store.SetCompatibility(CompatibilityLevel.None);
            store.DeleteSubject("t-value");
        }

        using var reopened = new SchemaRegistryStore(_directory);

        Assert.Equal([1, 2], reopened.GetVersions("s-value"));
        Assert.Equal(id2, reopened.GetVersion("s-value", null).Id);
        Assert.Equal(reopened.GetSchema(id1), reopened.GetVersion("s-value", 1).Schema);
        Assert.Equal(CompatibilityLevel.Full, reopened.GetSubjectCompatibility("s-value"));
        Assert.Equal(CompatibilityLevel.None, reopened.GetGlobalCompatibility());
        Assert.Equal(["s-value"], reopened.GetSubjects());
        Assert.Equal(id1, reopened.Register("u-value", A1).Id);
        Assert.True(reopened.Register("u-value", A4DropsX).Id > id2);
    }

    [Fact]
    public void Reopen_AfterATornLastWrite_DropsOnlyTheTornRecord()
    {
        using (var store = new SchemaRegistryStore(_directory))
        {
            store.Register("s-value", A1);
        }
        var log = Path.Combine(_directory, "schemas.log");
        File.AppendAllText(log, "{\"op\":\"version\",\"subject\":\"s-value\",\"vers");

        using (var reopened = new SchemaRegistryStore(_directory))
        {
            Assert.Equal([1], reopened.GetVersions("s-value"));
            reopened.Register("s-value", A2AddsDefaulted);
        }
        using var again = new SchemaRegistryStore(_directory);

        Assert.Equal([1, 2], again.GetVersions("s-value"));
    }

    [Fact]
    public void Open_WithACorruptRecordBeforeTheEnd_RefusesToGuess()
    {
        using (var store = new SchemaRegistryStore(_directory))
        {
            store.Register("s-value", A1);
        }
        var log = Path.Combine(_directory, "schemas.log");
        File.WriteAllText(log, "garbage\n" + File.ReadAllText(log));

        var error = Assert.Throws<InvalidDataException>(() => new SchemaRegistryStore(_directory));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CompatibilityLevel.None, A3AddsRequired, true)]
    [InlineData(CompatibilityLevel.Backward, A2AddsDefaulted, true)]
    [InlineData(CompatibilityLevel.Backward, A3AddsRequired, false)]
    [InlineData(CompatibilityLevel.Backward, A4DropsX, true)]
    [InlineData(CompatibilityLevel.Forward, A4DropsX, false)]
    [InlineData(CompatibilityLevel.Forward, A3AddsRequired, true)]
    [InlineData(CompatibilityLevel.Full, A2AddsDefaulted, true)]
    [InlineData(CompatibilityLevel.Full, A3AddsRequired, false)]
    [InlineData(CompatibilityLevel.Full, A4DropsX, false)]
    public void Register_AfterA1_FollowsTheLevel(CompatibilityLevel level, string candidate, bool accepted)
    {
        using var store = new SchemaRegistryStore(_directory);
        store.SetCompatibility(level, "s-value");
        store.Register("s-value", A1);

        var register = () => store.Register("s-value", candidate);

        if (accepted)
        {
            Assert.Equal(2, register().Version);
        }
        else
        {
            Assert.Equal(409, Assert.Throws<SchemaRegistryException>(register).ErrorCode);
        }
    }

    [Theory]
    [InlineData("old data lacks a now-required field", CompatibilityLevel.Backward, true)]
    [InlineData("old data lacks a now-required field", CompatibilityLevel.BackwardTransitive, false)]
    [InlineData("old data lacks a now-required field", CompatibilityLevel.Full, true)]
    [InlineData("old data lacks a now-required field", CompatibilityLevel.FullTransitive, false)]
    [InlineData("new data lacks a field the oldest reader needs", CompatibilityLevel.Forward, true)]
    [InlineData("new data lacks a field the oldest reader needs", CompatibilityLevel.ForwardTransitive, false)]
    [InlineData("new data lacks a field the oldest reader needs", CompatibilityLevel.Full, true)]
    [InlineData("new data lacks a field the oldest reader needs", CompatibilityLevel.FullTransitive, false)]
    public void Transitive_ChecksEveryVersion_NonTransitiveOnlyTheLatest(string scenario, CompatibilityLevel level, bool accepted)
    {
        // Each scenario's v3 is fine next to v2 but not next to v1.
        string[] versions = scenario.StartsWith("old", StringComparison.Ordinal)
            ?
            [
                """{"type":"record","name":"A","fields":[{"name":"x","type":"int"}]}""",
                """{"type":"record","name":"A","fields":[{"name":"x","type":"int"},{"name":"w","type":"int","default":0}]}""",
                """{"type":"record","name":"A","fields":[{"name":"x","type":"int"},{"name":"w","type":"int"}]}""",
            ]
            :
            [
                """{"type":"record","name":"A","fields":[{"name":"x","type":"int"},{"name":"z","type":"int","default":1}]}""",
                """{"type":"record","name":"A","fields":[{"name":"x","type":"int","default":0},{"name":"y","type":"int","default":0},{"name":"z","type":"int","default":1}]}""",
                """{"type":"record","name":"A","fields":[{"name":"y","type":"int","default":0},{"name":"z","type":"int","default":1}]}""",
            ];
        using var store = new SchemaRegistryStore(_directory);
        store.SetCompatibility(CompatibilityLevel.None, "s-value");
        store.Register("s-value", versions[0]);
        store.Register("s-value", versions[1]);
        store.SetCompatibility(level, "s-value");

        var register = () => store.Register("s-value", versions[2]);

        if (accepted)
        {
            Assert.Equal(3, register().Version);
        }
        else
        {
            Assert.Equal(409, Assert.Throws<SchemaRegistryException>(register).ErrorCode);
        }
    }

    [Fact]
    public async Task Register_FromManyThreads_GivesOneIdPerSchemaAndGaplessVersions()
    {
        using var store = new SchemaRegistryStore(_directory);
        store.SetCompatibility(CompatibilityLevel.None);
        var schemas = Enumerable.Range(0, 20).Select(i => $"{{\"type\":\"record\",\"name\":\"R{i}\",\"fields\":[]}}").ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => Task.Run(() => store.Register("s-value", schemas[i % 20]), TestContext.Current.CancellationToken)))
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(20, results.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 20), store.GetVersions("s-value"));
    }
}
