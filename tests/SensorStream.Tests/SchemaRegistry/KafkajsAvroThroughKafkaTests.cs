using System.Text.Json.Nodes;
using Confluent.Kafka;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Contracts.WireFormat;
using SensorStream.Tests.Infrastructure;
using SensorStream.Tests.Peers;

namespace SensorStream.Tests.SchemaRegistry;

/// <summary>
/// The whole path with peers we did not write: kafkajs + @kafkajs/confluent-schema-registry produce Avro to the embedded
/// broker and our Confluent.Kafka consumer decodes it with <see cref="AvroDeserializer{T}"/>; and the reverse.
/// </summary>
public sealed class KafkajsAvroThroughKafkaTests : IAsyncLifetime
{
    private static readonly EnvironmentReading[] Readings =
    [
        new("F1-B1-1F-L01-A1", "F1-B1-1F-L01", new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero).AddTicks(70), 21.25, 45.5, 21.0),
        new("F2-B1-3F-L07-A2", "F2-B1-3F-L07", new DateTimeOffset(2026, 11, 21, 8, 0, 10, TimeSpan.Zero), 33.5, 62.0, 38.75),
        new("F2-B2-2F-L03-A1", "F2-B2-2F-L03", new DateTimeOffset(2026, 11, 21, 8, 0, 20, TimeSpan.Zero), -4.0, 80.0, null),
    ];

    private TestBroker _broker = null!;
    private SchemaRegistryClient _registry = null!;

    public async ValueTask InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _registry = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = _broker.Broker.SchemaRegistryUrl! });
    }

    public async ValueTask DisposeAsync()
    {
        _registry.Dispose();
        await _broker.DisposeAsync();
    }

    private string RegistryUrl => _broker.Broker.SchemaRegistryUrl!.ToString().TrimEnd('/');

    private static string Script => PeerPaths.Script("schema-registry", "kafkajs_avro_kafka.mjs");

    [Fact]
    public async Task KafkajsProducesAvro_OurConsumerDecodesIt()
    {
        PeerPaths.RequireNodeModules("@kafkajs/confluent-schema-registry");
        var payloads = new JsonArray(Readings.Select(r => (JsonNode)AvscPlainValues.Of(r)).ToArray());
        await PeerProcess.RunAsync(PeerPaths.Node, [Script, "produce", _broker.BootstrapServers, RegistryUrl, "kjs-to-us",
            Path.Combine(PeerPaths.RepositoryRoot, "schemas", "EnvironmentReading.avsc")], payloads.ToJsonString(), TestContext.Current.CancellationToken);

        using var consumer = new ConsumerBuilder<string, EnvironmentReading>(new ConsumerConfig
        {
            BootstrapServers = _broker.BootstrapServers, GroupId = "us", AutoOffsetReset = AutoOffsetReset.Earliest,
        }).SetAvroValueDeserializer(_registry).Build();
        consumer.Subscribe("kjs-to-us");
        var received = new List<(string Key, EnvironmentReading Value)>();
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (received.Count < Readings.Length && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(100) is { } result)
            {
                received.Add((result.Message.Key, result.Message.Value));
            }
        }
        consumer.Close();

        Assert.Equal(Readings.OrderBy(r => r.SensorId), received.Select(r => r.Value).OrderBy(r => r.SensorId));
        Assert.All(received, r => Assert.Equal(r.Value.SensorId, r.Key));
    }

    [Fact]
    public async Task OurProducerWritesAvro_KafkajsDecodesIt()
    {
        PeerPaths.RequireNodeModules("@kafkajs/confluent-schema-registry");
        using (var producer = new ProducerBuilder<string, EnvironmentReading>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers, EnableIdempotence = true })
            .SetAvroValueSerializer(_registry).Build())
        {
            foreach (var reading in Readings)
            {
                await producer.ProduceAsync("us-to-kjs", new Message<string, EnvironmentReading> { Key = reading.SensorId, Value = reading }, TestContext.Current.CancellationToken).DefaultTimeout();
            }
        }

        var output = await PeerProcess.RunAsync(PeerPaths.Node, [Script, "consume", _broker.BootstrapServers, RegistryUrl, "us-to-kjs", Readings.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            null, TestContext.Current.CancellationToken);
        var decoded = JsonNode.Parse(output)!.AsArray().Select(n => n!).OrderBy(n => n["sensor_id"]!.GetValue<string>()).ToList();

        var expected = Readings.OrderBy(r => r.SensorId).ToList();
        Assert.Equal(expected.Count, decoded.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].SensorId, decoded[i]["sensor_id"]!.GetValue<string>());
            Assert.Equal(expected[i].LocId, decoded[i]["loc_id"]!.GetValue<string>());
            Assert.Equal((expected[i].EventTime - DateTimeOffset.UnixEpoch).Ticks / 10, decoded[i]["event_time"]!.GetValue<long>());
            Assert.Equal(expected[i].TemperatureC, decoded[i]["temperature_c"]!.GetValue<double>());
            Assert.Equal(expected[i].PerceivedTemperatureC, decoded[i]["perceived_temperature_c"]?.GetValue<double>());
        }
    }
}
