using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using SensorStream.Contracts;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Contracts.WireFormat;
using SensorStream.Producers.Publishing;
using SensorStream.StreamProcessors;
using SensorStream.Tests.Infrastructure;
using SensorStream.Tests.Sinks;
using SensorStream.Tests.StreamProcessors.Processing;

namespace SensorStream.Tests.Runtime;

/// <summary>
/// Issue 11 item 1: the schema registry answers 503 or cannot be reached for a while mid-run. Records written with a
/// schema id the consumers have not cached yet arrive during the outage; every one must be processed exactly once —
/// waited for, not lost and not dead-lettered — in the processors and in the sink.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RegistryOutageTests(PostgresClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    /// <summary>EnvironmentReading with one more optional field: a newer writer schema, so a new id the consumers must look up.</summary>
    private const string EvolvedSchema = """
        {"type":"record","name":"EnvironmentReading","namespace":"sensorstream.v1","fields":[
          {"name":"sensor_id","type":"string"},{"name":"loc_id","type":"string"},
          {"name":"event_time","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"temperature_c","type":"double"},{"name":"humidity_pct","type":"double"},
          {"name":"perceived_temperature_c","type":["null","double"],"default":null},
          {"name":"firmware","type":["null","string"],"default":null}]}
        """;

    private static List<EnvironmentReading> Readings(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new EnvironmentReading($"F1-B1-1F-L0{1 + (i % 4)}-A1", $"F1-B1-1F-L0{1 + (i % 4)}", T0.AddSeconds(i * 5), 20 + (i % 7), 45, null))];

    /// <summary>Publishes <paramref name="readings"/> written with the evolved schema (its id registered directly, not through the proxy).</summary>
    private static async Task PublishEvolvedAsync(TestBroker broker, IReadOnlyList<EnvironmentReading> readings)
    {
        using var registry = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = broker.Broker.SchemaRegistryUrl! });
        var id = await registry.RegisterSchemaAsync(Topics.ValueSubject(Topics.SensorsEnvironment), EvolvedSchema).DefaultTimeout();
        using var producer = new ProducerBuilder<string, byte[]>(ProcessingHarness.Kafka(broker).ProducerConfig(c => c.EnableIdempotence = true)).Build();
        var header = new byte[ConfluentWireFormat.HeaderSize];
        ConfluentWireFormat.WriteHeader(header, id);
        foreach (var reading in readings)
        {
            var writer = new AvroWriter(256);
            writer.WriteFixed(header);
            EnvironmentReading.Encode(ref writer, reading);
            writer.WriteUnionIndex(0); // firmware: null
            producer.Produce(Topics.SensorsEnvironment, new Message<string, byte[]> { Key = reading.SensorId, Value = writer.ToArray(), Timestamp = new Timestamp(reading.EventTime.UtcDateTime) });
            writer.Dispose();
        }
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(60)));
    }

    [Theory]
    [InlineData(FaultyRegistryProxy.Fault.ServiceUnavailable)]
    [InlineData(FaultyRegistryProxy.Fault.Unreachable)]
    public async Task Processors_RegistryAwayMidRun_WaitAndProcessEveryRecordExactlyOnce(FaultyRegistryProxy.Fault fault)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var proxy = await FaultyRegistryProxy.StartAsync(broker.Broker.SchemaRegistryUrl!);
        var before = Readings(0, 200);
        var during = Readings(200, 200);
        ProcessingHarness.Publish(broker, Topics.SensorsEnvironment, before.Select(r => new OutgoingEvent<EnvironmentReading>(r.SensorId, r, r.EventTime, [])));
        var kafka = new KafkaOptions { BootstrapServers = broker.BootstrapServers, SchemaRegistryUrl = proxy.Url };
        var options = ProcessingHarness.FastOptions($"outage-{fault}");
        options.Run = ["environment"];
        options.Host.Retry = new() { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) };
        using var meter = new Meter("registry-outage-" + Guid.NewGuid());
        using var processing = new StreamProcessing(kafka, options, NullLoggerFactory.Instance, meter);
        using var stop = new CancellationTokenSource();
        var run = processing.RunAsync(stop.Token);
        long Records() => processing.CountersOf("environment")?.Records ?? 0;
        await TestTimeouts.WaitUntilAsync(() => !run.IsCompleted && Records() == before.Count, "the first readings are processed", TimeSpan.FromSeconds(90));

        proxy.Mode = fault;
        await PublishEvolvedAsync(broker, during);
        await TestTimeouts.WaitUntilAsync(() => proxy.Failed >= 5, "the processors met the outage a few times", TimeSpan.FromSeconds(60));
        Assert.False(run.IsCompleted, run.Exception?.ToString());
        Assert.Equal(before.Count, Records());
        proxy.Mode = FaultyRegistryProxy.Fault.None;

        await TestTimeouts.WaitUntilAsync(() => run.IsCompleted || Records() == before.Count + during.Count, "every reading is processed", TimeSpan.FromSeconds(90));
        Assert.False(run.IsCompleted, run.Exception?.ToString());
        var counters = processing.CountersOf("environment")!;
        Assert.Equal(0, counters.DeadLetters);
        // Exactly once in effect: the final one-minute windows of every sensor count each reading once.
        var expected = before.Concat(during).GroupBy(r => (r.SensorId, Minute: r.EventTime.AddTicks(-(r.EventTime.UtcTicks % TimeSpan.TicksPerMinute))))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        await TestTimeouts.WaitUntilAsync(() => SensorWindows(broker).Count >= expected.Count / 2, "the sensors' windows are out", TimeSpan.FromSeconds(120));
        foreach (var (key, count) in SensorWindows(broker))
        {
            Assert.Equal(expected[key], count);
        }
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    private static Dictionary<(string Sensor, DateTimeOffset Minute), long> SensorWindows(TestBroker broker) =>
        ProcessingHarness.FinalWindows(broker).Values
            .Where(w => w.EntityType == EntityTypes.Sensor && w.Metric == "temperature_c")
            .ToDictionary(w => (w.EntityId, w.WindowStart), w => w.Count);

    [Theory]
    [InlineData(FaultyRegistryProxy.Fault.ServiceUnavailable)]
    [InlineData(FaultyRegistryProxy.Fault.Unreachable)]
    public async Task Sink_RegistryAwayMidRun_WaitsAndStoresEveryRecordExactlyOnce(FaultyRegistryProxy.Fault fault)
    {
        await using var broker = await TestBroker.StartAsync();
        await SinkHarness.EnsureTopicsAsync(broker);
        await using var proxy = await FaultyRegistryProxy.StartAsync(broker.Broker.SchemaRegistryUrl!);
        var db = fixture.Cluster.ConnectionString(await fixture.Cluster.CreateDatabaseAsync());
        var before = Readings(0, 150);
        var during = Readings(150, 150);
        ProcessingHarness.Publish(broker, Topics.SensorsEnvironment, before.Select(r => new OutgoingEvent<EnvironmentReading>(r.SensorId, r, r.EventTime, [])));
        var options = SinkHarness.FastOptions(db, $"outage-sink-{fault}");
        var viaProxy = new KafkaOptions { BootstrapServers = broker.BootstrapServers, SchemaRegistryUrl = proxy.Url };
        await using var running = SinkHarness.Start(viaProxy, options);
        await running.WaitUntilMigratedAsync();
        await SinkHarness.WaitUntilAsync(async () => { running.AssertRunning(); return await SinkSchema.CountAsync(db, "environment_readings") == before.Count; },
            async () => $"{await SinkSchema.CountAsync(db, "environment_readings")} rows", "the first readings are stored", TimeSpan.FromSeconds(90));

        proxy.Mode = fault;
        await PublishEvolvedAsync(broker, during);
        await TestTimeouts.WaitUntilAsync(() => proxy.Failed >= 5, "the sink met the outage a few times", TimeSpan.FromSeconds(60));
        running.AssertRunning();
        proxy.Mode = FaultyRegistryProxy.Fault.None;

        await SinkHarness.WaitUntilAsync(async () => { running.AssertRunning(); return await SinkSchema.CountAsync(db, "environment_readings") == before.Count + during.Count; },
            async () => $"{await SinkSchema.CountAsync(db, "environment_readings")} rows", "every reading is stored", TimeSpan.FromSeconds(90));
        Assert.Equal(0, await SinkSchema.CountAsync(db, "dead_letters"));
        Assert.Equal(0, running.Sink.Counters.DeadLetters);
    }
}
