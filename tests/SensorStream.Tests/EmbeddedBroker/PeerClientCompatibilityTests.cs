using System.Text.Json;
using Confluent.Kafka;
using SensorStream.Tests.Infrastructure;
using SensorStream.Tests.Peers;

namespace SensorStream.Tests.EmbeddedBroker;

/// <summary>Kafka clients nobody on this team wrote — kcat, kafka-python, kafkajs — against the embedded broker.</summary>
public sealed class PeerClientCompatibilityTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    private static string PeerScript(string name) => PeerPaths.Script("kafka", name);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kcat_ProducesFromStdin_ConsumesToTheEnd_AndListsMetadata()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 500).Select(i => $"sensor{i % 7}:reading-{i}")) + "\n";

        await PeerProcess.RunAsync("kcat", ["-b", _broker.BootstrapServers, "-P", "-t", "kcat-topic", "-K", ":", "-z", "snappy"], lines, Cancel);
        var consumed = await PeerProcess.RunAsync("kcat", ["-b", _broker.BootstrapServers, "-C", "-t", "kcat-topic", "-e", "-q", "-f", "%k=%s\n"], null, Cancel);
        var metadata = await PeerProcess.RunAsync("kcat", ["-b", _broker.BootstrapServers, "-L", "-J"], null, Cancel);

        var values = consumed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(500, values.Length);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"sensor{i % 7}=reading-{i}").Order(), values.Order());
        using var json = JsonDocument.Parse(metadata);
        Assert.Equal(1, json.RootElement.GetProperty("controllerid").GetInt32());
        var topic = json.RootElement.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == "kcat-topic");
        Assert.Equal(6, topic.GetProperty("partitions").GetArrayLength());
    }

    [Fact]
    public async Task Kcat_BalancedConsumer_ReadsWhatConfluentKafkaProduced()
    {
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers }).Build())
        {
            for (var i = 0; i < 300; i++)
            {
                producer.Produce("kcat-group-topic", new Message<string, string> { Key = $"k{i % 5}", Value = $"m{i}" });
            }
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var consumed = await PeerProcess.RunAsync("kcat", ["-b", _broker.BootstrapServers, "-G", "kcat-group", "-o", "beginning", "-e", "-q", "-f", "%s\n", "kcat-group-topic"],
            null, Cancel, TimeSpan.FromSeconds(60));

        Assert.Equal(300, consumed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().Count());
    }

    [Fact]
    public async Task KafkaPython_Produces_GroupConsumes_Commits_AndResumesAfterABrokerRestart()
    {
        var script = PeerScript("kafka_python_client.py");
        var produced = await PeerProcess.RunAsync(PeerPaths.Python, [script, "produce", _broker.BootstrapServers, "py-topic", "200"], null, Cancel);
        Assert.Contains("\"produced\": 200", produced);

        var first = JsonDocument.Parse(await PeerProcess.RunAsync(PeerPaths.Python, [script, "consume", _broker.BootstrapServers, "py-topic", "py-group", "120"], null, Cancel));
        await _broker.RestartAsync();
        var second = JsonDocument.Parse(await PeerProcess.RunAsync(PeerPaths.Python, [script, "consume", _broker.BootstrapServers, "py-topic", "py-group", "1000"], null, Cancel));

        var before = first.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList();
        var after = second.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.True(before.Count >= 120);
        Assert.Empty(before.Intersect(after));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"v{i}").Order(), before.Concat(after).Order());
    }

    [Fact]
    public async Task Kafkajs_IdempotentProducer_AndConsumerGroup()
    {
        PeerPaths.RequireNodeModules("kafkajs");
        var result = await PeerProcess.RunAsync(PeerPaths.Node, [PeerScript("kafkajs_client.mjs"), _broker.BootstrapServers, "kafkajs-topic", "kafkajs-group", "1000"],
            null, Cancel, TimeSpan.FromSeconds(90));

        using var json = JsonDocument.Parse(result.Trim().Split('\n')[^1]);
        Assert.Equal(1000, json.RootElement.GetProperty("produced").GetInt32());
        var consumed = json.RootElement.GetProperty("consumed").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal(1000, consumed.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"v{i}").Order(), consumed.Order());
    }
}
