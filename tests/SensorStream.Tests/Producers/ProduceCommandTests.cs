using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SensorStream.Contracts;
using SensorStream.Tests.Infrastructure;
using SensorStream.Tests.Peers;

namespace SensorStream.Tests.Producers;

/// <summary><c>sensorstream produce …</c> against the embedded broker, read back by kcat and by our own consumer.</summary>
[Collection(RateSensitiveCollection.Name)]
public sealed partial class ProduceCommandTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    private string[] Kafka => ["--bootstrap", _broker.BootstrapServers, "--registry", _broker.Broker.SchemaRegistryUrl!.ToString()];

    [Fact]
    public async Task Trips_ProducedToTheBroker_ReadBackWithKcat_KeyedByTruck_WithTruthHeaders()
    {
        var result = await CliRunner.RunAsync(["produce", "trips", "--count", "300", "--rate", "0", "--seed", "3", "--start", "2026-04-01T00:00:00Z", .. Kafka]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("produced 300, acknowledged 300, failed 0", result.Output);
        var kcat = await PeerProcess.RunAsync("kcat", ["-b", _broker.BootstrapServers, "-C", "-t", Topics.TripsRecords, "-e", "-q", "-J"], null, TestContext.Current.CancellationToken);
        var records = kcat.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(300, records.Count);
        Assert.All(records, r => Assert.Matches("^TRK-0[1-8]$", r.GetProperty("key").GetString()));
        Assert.All(records, r => Assert.Contains(TruthHeaders.Error, r.GetProperty("headers").EnumerateArray().Select(h => h.GetString())));
        // Confluent wire format: magic byte 0 then a 4-byte schema id; kcat shows the payload as text, so check the first byte.
        Assert.All(records, r => Assert.Equal('\0', r.GetProperty("payload").GetString()![0]));
        // One key stays in one partition.
        Assert.All(records.GroupBy(r => r.GetProperty("key").GetString()), g => Assert.Single(g.Select(r => r.GetProperty("partition").GetInt32()).Distinct()));
    }

    [Fact]
    public async Task Environment_AtTenThousandEventsPerSecond_IsWithinTwoPercent()
    {
        var result = await CliRunner.RunAsync(["produce", "environment", "--rate", "10000", "--duration", "3s", .. Kafka]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var match = RateLine().Match(result.Output);
        Assert.True(match.Success, result.Output);
        var produced = long.Parse(match.Groups["produced"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var rate = double.Parse(match.Groups["rate"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.InRange(rate, 9_800, 10_200);
        Assert.InRange(produced, 29_400, 30_600);
        Assert.Contains($"acknowledged {produced:N0}", result.Output);
    }

    [Fact]
    public async Task Vibration_ReportsSamplesPerSecond_AndTheSameSeedGivesTheSameBytesOnTheTopic()
    {
        var first = await CliRunner.RunAsync(["produce", "vibration", "--count", "100", "--rate", "0", "--seed", "9", "--start", "2026-01-01T00:00:00Z", .. Kafka]);
        var afterFirst = TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsVibration).Select(r => Convert.ToHexString(r.Value)).Order().ToList();
        var second = await CliRunner.RunAsync(["produce", "vibration", "--count", "100", "--rate", "0", "--seed", "9", "--start", "2026-01-01T00:00:00Z", .. Kafka]);
        var all = TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsVibration).Select(r => Convert.ToHexString(r.Value)).ToList();

        Assert.Equal(0, first.ExitCode + second.ExitCode);
        Assert.Matches(@"events/s \([\d,]+ samples/s\)", first.Output);
        Assert.Equal(200, all.Count);
        Assert.Equal(afterFirst, all.GroupBy(v => v).Select(g => g.Key).Order().ToList());
        Assert.All(all.GroupBy(v => v), g => Assert.Equal(2, g.Count()));
    }

    [Theory]
    [InlineData(new[] { "produce", "trips", "--count", "5", "--duration", "5s" }, "cannot be combined")]
    [InlineData(new[] { "produce", "trips", "--duration", "soon" }, "not a positive duration")]
    [InlineData(new[] { "produce", "environment", "--rate", "-1" }, "--rate must be 0")]
    [InlineData(new[] { "produce", "vibration", "--fault", "g1=Wobbly" }, "is not machine=Condition")]
    [InlineData(new[] { "produce", "environment", "--locations", "/no/such/locations.csv" }, "locations.csv")]
    [InlineData(new[] { "produce", "trips", "--registry", "not a url" }, "is not an http(s) URL")]
    public async Task BadArguments_FailWithAMessageNamingTheProblem(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Error);
    }

    [GeneratedRegex(@"produced (?<produced>[\d,]+), acknowledged [\d,]+, failed 0( \(retried \d+\))? in [\d.]+ s = (?<rate>[\d,]+) events/s")]
    private static partial Regex RateLine();
}

/// <summary>Tests whose results depend on timing run alone, so other tests' load does not skew them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RateSensitiveCollection
{
    public const string Name = "rate sensitive";
}
