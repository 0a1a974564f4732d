using DotNet.Testcontainers.Builders;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Producers.Publishing;
using SensorStream.Storage;
using SensorStream.Tests.Sinks;
using Testcontainers.Kafka;
using Testcontainers.PostgreSql;

namespace SensorStream.Tests.Containers;

/// <summary>
/// The platform end to end against what production runs (compose/): Apache Kafka, Confluent Schema Registry and
/// TimescaleDB, images pinned as in compose/docker-compose.yml. Skipped, saying why, where no Docker engine answers.
/// </summary>
[Trait("Category", "Containers")]
public sealed class PlatformOnContainersTests
{
    private const string KafkaImage = "apache/kafka:3.9.0";
    private const string RegistryImage = "confluentinc/cp-schema-registry:7.7.1";
    private const string TimescaleImage = "timescale/timescaledb:2.17.2-pg15";

    [Fact]
    public async Task ReadingsThroughRealKafkaAndRegistry_AreStoredInTimescaleDb()
    {
        if (DockerEngine.UnavailableReason() is { } reason)
        {
            Assert.Skip(reason);
        }
        var cancel = TestContext.Current.CancellationToken;
        await using var network = new NetworkBuilder().Build();
        await using var kafka = new KafkaBuilder(KafkaImage).WithNetwork(network).WithNetworkAliases("kafka").Build();
        await kafka.StartAsync(cancel);
        await using var registry = new ContainerBuilder(RegistryImage).WithNetwork(network).WithPortBinding(8081, true)
            .WithEnvironment("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .WithEnvironment("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:9093")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/subjects").ForPort(8081)))
            .Build();
        await registry.StartAsync(cancel);
        await using var database = new PostgreSqlBuilder(TimescaleImage).Build();
        await database.StartAsync(cancel);
        var options = new KafkaOptions
        {
            BootstrapServers = kafka.GetBootstrapAddress().Replace("PLAINTEXT://", string.Empty, StringComparison.Ordinal),
            SchemaRegistryUrl = new Uri($"http://{registry.Hostname}:{registry.GetMappedPublicPort(8081)}"),
        };
        await TopicBootstrapper.EnsureAsync(options, Topics.All);
        var start = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
        var readings = Enumerable.Range(0, 200).Select(i => new EnvironmentReading($"F1-B1-1F-L01-A{1 + (i % 2)}", "F1-B1-1F-L01", start.AddSeconds(i * 10), 21, 40, null)).ToList();
        using (var client = SensorStream.ServiceDefaults.Kafka.KafkaServiceCollectionExtensions.CreateRegistryClient(options))
        using (var publisher = new EventPublisher<EnvironmentReading>(options, new PublisherOptions(), client, Topics.SensorsEnvironment, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance))
        {
            foreach (var reading in readings)
            {
                publisher.Publish(new OutgoingEvent<EnvironmentReading>(reading.SensorId, reading, reading.EventTime, []));
            }
            Assert.Equal(0, publisher.Flush(TimeSpan.FromSeconds(60)));
        }
        var sinkOptions = SinkHarness.FastOptions(database.GetConnectionString(), "containers-sink");
        sinkOptions.Storage = StorageMode.TimescaleDb;
        await using var sink = SinkHarness.Start(options, sinkOptions);
        await SinkHarness.WaitUntilAsync(async () => { sink.AssertRunning(); return await SinkSchema.CountAsync(database.GetConnectionString(), "environment_readings") == readings.Count; },
            async () => $"{await SinkSchema.CountAsync(database.GetConnectionString(), "environment_readings")} rows", "every reading is stored", TimeSpan.FromSeconds(120));
    }
}
