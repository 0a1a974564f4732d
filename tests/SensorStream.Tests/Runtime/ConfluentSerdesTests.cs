using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Publishing;
using SensorStream.Tests.Infrastructure;
using SensorStream.Tests.Sinks;
using SensorStream.Tests.StreamProcessors.Processing;

namespace SensorStream.Tests.Runtime;

/// <summary>
/// Issue 15: the project's own Avro codec stays on the hot path, and Confluent's serdes (Confluent.SchemaRegistry.Serdes.Avro
/// with CachedSchemaRegistryClient, the reference implementation) read what the platform writes and write what it reads.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConfluentSerdesTests(PostgresClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static OutgoingEvent<T> Out<T>(string key, T value, DateTimeOffset time) => new(key, value, time, []);

    /// <summary>Every record of <paramref name="topic"/>, decoded by Confluent's deserializer as generic records.</summary>
    private static List<GenericRecord> ReadWithConfluent(TestBroker broker, string topic)
    {
        using var registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = broker.Broker.SchemaRegistryUrl!.ToString() });
        var deserializer = new AvroDeserializer<GenericRecord>(registry);
        // The one record deliberately broken for the dead-letter topic is bad Avro for any reader; the rollup's watermark
        // heartbeats on its internal topic are empty control records, not events.
        return [.. TopicReader.ReadAll(broker.BootstrapServers, topic).Where(r => r.Key != "broken" && r.Value is { Length: > 0 }).Select(r =>
            deserializer.DeserializeAsync(r.Value, false, new SerializationContext(MessageComponentType.Value, topic)).GetAwaiter().GetResult())];
    }

    [Fact]
    public async Task ConfluentsAvroDeserializer_ReadsEveryTopicThePlatformWrites()
    {
        await using var broker = await TestBroker.StartAsync();
        var readings = Enumerable.Range(0, 240).Select(i => new EnvironmentReading($"F1-B1-1F-L0{1 + (i % 3)}-A1", $"F1-B1-1F-L0{1 + (i % 3)}", T0.AddSeconds(i * 5),
            i == 200 ? 80 : 21 + (i % 3), 45, i % 2 == 0 ? 20.5 : null)).ToList();
        var block = new VibrationBlock("g1", "sensor1", T0, 2560, 1500, [.. Enumerable.Range(0, 256).Select(s => (float)Math.Sin(s / 8.0))]);
        var trip = new TripRecord("TRK-01", Guid.NewGuid(), new DateOnly(2026, 11, 20), 1000, 1350, null, 40, 70.5m, 5m, 800m, "A", "B", T0);
        var diagnosis = new VibrationDiagnosis("g1", "sensor1", T0, T0.AddSeconds(10), VibrationFault.MassUnbalance, 0.9, 0.2, 0.6, 25, 1500, 10);
        var threshold = new ThresholdConfig("office", "temperature_c", "degC", 26, 30, null, null, T0);
        ProcessingHarness.Publish(broker, Topics.SensorsEnvironment, readings.Select(r => Out(r.SensorId, r, r.EventTime)));
        ProcessingHarness.Publish(broker, Topics.SensorsVibration, [Out(block.SensorId, block, block.EventTime)]);
        ProcessingHarness.Publish(broker, Topics.TripsRecords, [Out(trip.TruckId, trip, trip.EnteredAt)]);
        ProcessingHarness.Publish(broker, Topics.DiagnosesVibration, [Out(diagnosis.SensorId, diagnosis, diagnosis.WindowEnd)]);
        ProcessingHarness.Publish(broker, Topics.ConfigThresholds, [Out("office/temperature_c", threshold, T0)]);
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(Topics.SensorsEnvironment, new Message<string, byte[]> { Key = "broken", Value = [0, 0, 0, 0, 1, 0xFF] }, TestContext.Current.CancellationToken);
        }
        // The derived topics as the processors write them: windows (sensor and rollup), anomalies, dead letters (and status changes, if any).
        var options = ProcessingHarness.FastOptions("confluent-serdes");
        options.Run = ["environment", "rollup"];
        options.Anomalies.WarmUp = 20;
        await using (var running = ProcessingHarness.Start(broker, options))
        {
            await TestTimeouts.WaitUntilAsync(() => running.Run.IsCompleted
                || (TopicReader.ReadAll(broker.BootstrapServers, Topics.MetricsWindows).Count > 0 && TopicReader.ReadAll(broker.BootstrapServers, Topics.DeadLetters).Count > 0
                    && TopicReader.ReadAll(broker.BootstrapServers, Topics.Anomalies).Count > 0
                    && TopicReader.ReadAll(broker.BootstrapServers, running.Processing.RollupTopic).Count > 0),
                "every derived topic has records", TimeSpan.FromSeconds(90));
            Assert.False(running.Run.IsCompleted, running.Run.Exception?.ToString());
        }

        var environment = ReadWithConfluent(broker, Topics.SensorsEnvironment).Where(r => r.Schema.Fullname == "sensorstream.v1.EnvironmentReading").ToList();
        Assert.Equal(readings.Select(r => (r.SensorId, r.TemperatureC, r.PerceivedTemperatureC)).Order(),
            environment.Select(r => ((string)r["sensor_id"], (double)r["temperature_c"], (double?)r["perceived_temperature_c"])).Order());
        Assert.Equal(block.Samples, ((IEnumerable<object>)ReadWithConfluent(broker, Topics.SensorsVibration).Single()["samples"]).Select(v => (float)v));
        Assert.Equal(trip.TripId.ToString(), ReadWithConfluent(broker, Topics.TripsRecords).Single()["trip_id"]?.ToString());
        Assert.Equal("MASS_UNBALANCE", ((GenericEnum)ReadWithConfluent(broker, Topics.DiagnosesVibration).Single()["fault"]).Value);
        Assert.Equal("office", ReadWithConfluent(broker, Topics.ConfigThresholds).Single()["sensor_type"]);
        Assert.All(ReadWithConfluent(broker, Topics.MetricsWindows), w => Assert.Equal("sensorstream.v1.WindowAggregate", w.Schema.Fullname));
        Assert.Contains(ReadWithConfluent(broker, Topics.MetricsWindows), w => (string)w["entity_type"] == EntityTypes.Factory);
        Assert.All(ReadWithConfluent(broker, Topics.StatusChanges), c => Assert.Equal("sensorstream.v1.StatusChange", c.Schema.Fullname));
        Assert.Contains(ReadWithConfluent(broker, Topics.Anomalies), a => (string)a["entity_id"] == "F1-B1-1F-L03-A1");
        var letter = Assert.Single(ReadWithConfluent(broker, Topics.DeadLetters));
        Assert.Equal(Topics.SensorsEnvironment, letter["source_topic"]);
        Assert.NotEmpty(ReadWithConfluent(broker, "confluent-serdes-rollup-repartition"));
    }

    [Fact]
    public async Task RecordsWrittenByConfluentsAvroSerializer_AreProcessed_AndStored()
    {
        await using var broker = await TestBroker.StartAsync();
        await SinkHarness.EnsureTopicsAsync(broker);
        var schema = (Avro.RecordSchema)Avro.Schema.Parse(EnvironmentReading.Schema.ToJson());
        using (var registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = broker.Broker.SchemaRegistryUrl!.ToString() }))
        using (var producer = new ProducerBuilder<string, GenericRecord>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, EnableIdempotence = true })
                   .SetValueSerializer(new AvroSerializer<GenericRecord>(registry)).Build())
        {
            for (var i = 0; i < 120; i++)
            {
                var record = new GenericRecord(schema);
                record.Add("sensor_id", $"F2-B1-1F-L0{1 + (i % 2)}-A1");
                record.Add("loc_id", $"F2-B1-1F-L0{1 + (i % 2)}");
                record.Add("event_time", T0.AddSeconds(i * 5).UtcDateTime);
                record.Add("temperature_c", 22.0 + (i % 4));
                record.Add("humidity_pct", 50.0);
                record.Add("perceived_temperature_c", null);
                await producer.ProduceAsync(Topics.SensorsEnvironment, new Message<string, GenericRecord> { Key = (string)record["sensor_id"], Value = record },
                    TestContext.Current.CancellationToken);
            }
        }
        var db = fixture.Cluster.ConnectionString(await fixture.Cluster.CreateDatabaseAsync());
        var options = ProcessingHarness.FastOptions("confluent-written");
        options.Run = ["environment"];
        await using var processing = ProcessingHarness.Start(broker, options);
        await using var sink = SinkHarness.Start(broker, SinkHarness.FastOptions(db, "confluent-written-sink"));
        await sink.WaitUntilMigratedAsync();

        await TestTimeouts.WaitUntilAsync(() => processing.Run.IsCompleted || processing.Processing.CountersOf("environment")?.Records == 120,
            "the processors processed every record", TimeSpan.FromSeconds(60));
        Assert.False(processing.Run.IsCompleted, processing.Run.Exception?.ToString());
        Assert.Equal(0, processing.Processing.CountersOf("environment")!.DeadLetters);
        await SinkHarness.WaitUntilAsync(async () => { sink.AssertRunning(); return await SinkSchema.CountAsync(db, "environment_readings") == 120; },
            async () => $"{await SinkSchema.CountAsync(db, "environment_readings")} rows", "the sink stored every record", TimeSpan.FromSeconds(60));
        Assert.Equal(22.0 + 3, await SinkSchema.ScalarAsync<double>(db, "SELECT max(temperature_c) FROM environment_readings"));
    }
}
