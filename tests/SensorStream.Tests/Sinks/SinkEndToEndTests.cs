using System.Text;
using Confluent.Kafka;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Producers.Publishing;
using SensorStream.Storage;
using SensorStream.Storage.LocalDatabase;
using SensorStream.Tests.Infrastructure;
using SensorStream.Tests.StreamProcessors.Processing;

namespace SensorStream.Tests.Sinks;

/// <summary>
/// The sink end to end on both storage paths (TimescaleDB where installed), writing to a database owned by an ordinary
/// login role, as production databases usually are.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SinkEndToEndTests(PostgresClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    public static TheoryData<StorageMode> Paths => [StorageMode.Plain, StorageMode.TimescaleDb];

    /// <summary>A new database owned by <see cref="LocalPostgresCluster.OwnerRole"/>, connected to as that role; skips when the path is not installed.</summary>
    private async Task<string> OwnedDatabaseAsync(StorageMode mode)
    {
        SinkSchema.SkipUnlessAvailable(fixture.Cluster, SinkSchema.PathOf(mode));
        return fixture.Cluster.ConnectionString(await fixture.Cluster.CreateDatabaseAsync(LocalPostgresCluster.OwnerRole), user: LocalPostgresCluster.OwnerRole);
    }

    private static OutgoingEvent<T> Out<T>(string key, T value, DateTimeOffset time) => new(key, value, time, []);

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Sink_WritesEveryTopicToItsTable_AndBadRecordsBecomeDeadLetters(StorageMode mode)
    {
        var db = await OwnedDatabaseAsync(mode);
        await using var broker = await TestBroker.StartAsync();
        await SinkHarness.EnsureTopicsAsync(broker);
        var readings = Enumerable.Range(0, 120).Select(i => new EnvironmentReading($"F1-B1-1F-L0{1 + (i % 3)}-A1", $"F1-B1-1F-L0{1 + (i % 3)}", T0.AddSeconds(i * 10), 20 + (i % 7), 40 + (i % 5), null)).ToList();
        var blocks = Enumerable.Range(0, 40).Select(i => new VibrationBlock($"g{1 + (i % 5)}", $"sensor{1 + (i % 4)}", T0.AddSeconds(i), 2560, 1500, [.. Enumerable.Range(0, 256).Select(s => (float)Math.Sin((s + i) / 10.0))])).ToList();
        var trip = new TripRecord("truck-1", Guid.NewGuid(), new DateOnly(2026, 11, 20), 1000, 1350, null, 40, 70.5m, 5m, 800m, "A", "B", T0);
        var window = new WindowAggregate("F1", "temperature_c", T0, T0.AddMinutes(1), 12, 20, 26, 23, 0, EntityTypes.Factory, null, StatusLevel.Normal);
        var status = new StatusChange("F1", "production", "temperature_c", T0, null, StatusLevel.Normal, 23, null);
        var diagnosis = new VibrationDiagnosis("g1", "sensor1", T0, T0.AddSeconds(10), VibrationFault.Normal, 0.9, 0.2, 0.6, 25, 1500, 10);
        var anomaly = new Anomaly(Guid.NewGuid(), Topics.TripsRecords, "truck-1", T0, AnomalyKind.DroppedDigit, "distance_km", 35, 350, 0.97,
            new Dictionary<string, string> { ["trip_id"] = trip.TripId.ToString() });
        var threshold = new ThresholdConfig("office", "temperature_c", "degC", 26, 30, null, null, T0);
        ProcessingHarness.Publish(broker, Topics.SensorsEnvironment, readings.Select(r => Out(r.SensorId, r, r.EventTime)));
        ProcessingHarness.Publish(broker, Topics.SensorsVibration, blocks.Select(b => Out(b.SensorId, b, b.EventTime)));
        ProcessingHarness.Publish(broker, Topics.TripsRecords, [Out(trip.TruckId, trip, trip.EnteredAt)]);
        ProcessingHarness.Publish(broker, Topics.MetricsWindows, [Out(window.EntityId, window, window.WindowEnd)]);
        ProcessingHarness.Publish(broker, Topics.StatusChanges, [Out(status.EntityId, status, status.EventTime)]);
        ProcessingHarness.Publish(broker, Topics.DiagnosesVibration, [Out(diagnosis.SensorId, diagnosis, diagnosis.WindowEnd)]);
        ProcessingHarness.Publish(broker, Topics.Anomalies, [Out(anomaly.EntityId, anomaly, anomaly.EventTime)]);
        ProcessingHarness.Publish(broker, Topics.ConfigThresholds, [Out("office/temperature_c", threshold, threshold.UpdatedAt)]);
        using var registry = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = broker.Broker.SchemaRegistryUrl! });
        var nulInId = ProcessingHarness.EncodeReading(registry, readings[0] with { SensorId = "bad\0id" });
        byte[] unknownSchema = [0, 0, 0, 0x7F, 0x7F, .. nulInId[5..]];
        using (var producer = new ProducerBuilder<string, byte[]?>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            foreach (var (topic, bytes) in new (string, byte[]?)[]
            {
                (Topics.SensorsEnvironment, Encoding.ASCII.GetBytes("not avro at all")), (Topics.SensorsEnvironment, nulInId),
                (Topics.SensorsEnvironment, unknownSchema), (Topics.TripsRecords, null),
            })
            {
                await producer.ProduceAsync(topic, new Message<string, byte[]?> { Key = "bad", Value = bytes }, TestContext.Current.CancellationToken);
            }
        }

        await using (var running = SinkHarness.Start(broker, SinkHarness.FastOptions(db, "e2e-sink", mode)))
        {
            await running.WaitUntilMigratedAsync();
            await SinkHarness.WaitUntilAsync(
                async () => { running.AssertRunning(); return await SinkSchema.CountAsync(db, "environment_readings") == 120 && await SinkSchema.CountAsync(db, "dead_letters") == 4; },
                async () => $"{await SinkSchema.CountAsync(db, "environment_readings")} readings, {await SinkSchema.CountAsync(db, "dead_letters")} dead letters",
                "every reading and every dead letter is stored", TimeSpan.FromSeconds(60));
            await SinkHarness.WaitUntilAsync(async () => await SinkSchema.CountAsync(db, "trip_corrections") == 1, () => Task.FromResult("no correction"), "the correction is stored", TimeSpan.FromSeconds(30));
        }

        await AssertEveryTableHoldsItsEventsOnceAsync(db);
        Assert.Equal(350.0, await SinkSchema.ScalarAsync<double>(db, "SELECT distance_km FROM trips_corrected"));
        Assert.Equal(26.0, await SinkSchema.ScalarAsync<double>(db, "SELECT warning_above FROM thresholds WHERE sensor_type = 'office'"));
        Assert.Equal(readings.Sum(r => r.TemperatureC), await SinkSchema.ScalarAsync<double>(db, "SELECT sum(temperature_c) FROM environment_readings"));
        Assert.Equal(blocks[7].Samples, await SinkSchema.ScalarAsync<float[]>(db, $"SELECT samples FROM vibration_blocks WHERE machine_id = 'g3' AND sensor_id = 'sensor4' AND event_time = '{T0.AddSeconds(7):O}'"));
        // Every record's offset is covered, the bad ones too: 120 readings, 40 blocks, six single events, four bad records.
        Assert.Equal(120L + 40 + 6 + 4, await SinkSchema.ScalarAsync<decimal>(db, "SELECT sum(next_offset) FROM sink_offsets WHERE consumer_group = 'e2e-sink' AND topic <> 'dlq'"));
        var letters = await SinkSchema.RowsAsync(db, "SELECT source_topic, error_reason, error_message, value, processor FROM dead_letters ORDER BY source_topic, error_reason");
        Assert.Equal([Topics.SensorsEnvironment, "InvalidValue"], letters[0][..2]);
        Assert.Contains("NUL", (string)letters[0][2]!);
        Assert.Equal(nulInId, letters[0][3]);
        Assert.Equal([Topics.SensorsEnvironment, "UnknownSchemaId"], letters[1][..2]);
        Assert.Equal(unknownSchema, letters[1][3]);
        Assert.Equal([Topics.SensorsEnvironment, "WrongMagicByte"], letters[2][..2]);
        Assert.Equal(Encoding.ASCII.GetBytes("not avro at all"), letters[2][3]);
        Assert.Equal([Topics.TripsRecords, "InvalidValue"], letters[3][..2]);
        Assert.Contains("tombstone", (string)letters[3][2]!);
        Assert.All(letters, l => Assert.Equal("e2e-sink", l[4]));
        Assert.Equal(4, TopicReader.ReadAll(broker.BootstrapServers, Topics.DeadLetters).Count);

        // A second group replays every topic from the start into the same database: nothing is duplicated. Its own
        // dead letters are its own rows (the processor is part of their key), and it stores the first group's too.
        await using (var replay = SinkHarness.Start(broker, SinkHarness.FastOptions(db, "e2e-replay", mode)))
        {
            await SinkHarness.WaitUntilAsync(
                async () => { replay.AssertRunning(); return await SinkSchema.ScalarAsync<decimal?>(db, "SELECT sum(next_offset) FROM sink_offsets WHERE consumer_group = 'e2e-replay'") == 120 + 40 + 6 + 4 + 8; },
                async () => $"{await SinkSchema.ScalarAsync<decimal?>(db, "SELECT sum(next_offset) FROM sink_offsets WHERE consumer_group = 'e2e-replay'")} offsets",
                "the replaying group has read every topic, its own dead letters included", TimeSpan.FromSeconds(60));
        }
        await AssertEveryTableHoldsItsEventsOnceAsync(db);
        Assert.Equal([("e2e-replay", 4L), ("e2e-sink", 4L)],
            (await SinkSchema.RowsAsync(db, "SELECT processor, count(*) FROM dead_letters GROUP BY processor ORDER BY processor")).Select(r => ((string)r[0]!, (long)r[1]!)));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task TwoSinksInOneGroup_SplittingAndHandingBackPartitions_StoreEveryReadingExactlyOnce(StorageMode mode)
    {
        var db = await OwnedDatabaseAsync(mode);
        await using var broker = await TestBroker.StartAsync();
        await SinkHarness.EnsureTopicsAsync(broker);
        // 24 sensors, so keys land on partitions of both members whichever half each is given.
        var readings = Enumerable.Range(0, 900).Select(i => new EnvironmentReading($"F2-B2-2F-L{1 + (i % 24):00}-A1", $"F2-B2-2F-L{1 + (i % 24):00}", T0.AddSeconds(i), i % 40, 50, null)).ToList();
        void Publish(int from, int count) =>
            ProcessingHarness.Publish(broker, Topics.SensorsEnvironment, readings.Skip(from).Take(count).Select(r => Out(r.SensorId, r, r.EventTime)));
        Task WaitForAsync(long count, string what) => SinkHarness.WaitUntilAsync(async () => await SinkSchema.CountAsync(db, "environment_readings") >= count,
            async () => $"{await SinkSchema.CountAsync(db, "environment_readings")} readings", what, TimeSpan.FromSeconds(60));
        var options = SinkHarness.FastOptions(db, "shared-group", mode);
        options.MaxBatchRecords = 25;

        await using (var first = SinkHarness.Start(broker, options))
        {
            await first.WaitUntilMigratedAsync();
            Publish(0, 300);
            await WaitForAsync(300, "the first sink stored the first readings");
            await using (var second = SinkHarness.Start(broker, options))
            {
                await TestTimeouts.WaitUntilAsync(() => second.Sink.Counters.AssignedPartitions > 0 && first.Sink.Counters.AssignedPartitions > 0,
                    "the group has rebalanced over both sinks", TimeSpan.FromSeconds(60));
                Publish(300, 300);
                await WaitForAsync(600, "both sinks stored the second readings");
                await TestTimeouts.WaitUntilAsync(() => second.Sink.Counters.Batches > 0, "the second sink took partitions and wrote to them");
            }
            // The second sink left: its partitions come back to the first.
            await TestTimeouts.WaitUntilAsync(() => first.Sink.Counters.AssignedPartitions == 9 * 6, "the first sink owns every partition again", TimeSpan.FromSeconds(60));
            Publish(600, 300);
            await WaitForAsync(900, "the remaining sink stored the last readings");
        }

        var stored = await SinkSchema.RowsAsync(db, "SELECT sensor_id, event_time FROM environment_readings ORDER BY event_time");
        Assert.Equal(readings.Select(r => (r.SensorId, r.EventTime.UtcDateTime)), stored.Select(r => ((string)r[0]!, (DateTime)r[1]!)));
        Assert.Equal(900m, await SinkSchema.ScalarAsync<decimal>(db, "SELECT sum(next_offset) FROM sink_offsets WHERE consumer_group = 'shared-group'"));
    }

    private static async Task AssertEveryTableHoldsItsEventsOnceAsync(string db)
    {
        Assert.Equal(120L, await SinkSchema.CountAsync(db, "environment_readings"));
        Assert.Equal(40L, await SinkSchema.CountAsync(db, "vibration_blocks"));
        Assert.Equal(40L * 256, await SinkSchema.CountAsync(db, "vibration_data"));
        Assert.Equal(1L, await SinkSchema.CountAsync(db, "trips"));
        Assert.Equal(1L, await SinkSchema.CountAsync(db, "trip_corrections"));
        Assert.Equal(1L, await SinkSchema.CountAsync(db, "window_aggregates"));
        Assert.Equal(1L, await SinkSchema.CountAsync(db, "status_changes"));
        Assert.Equal(1L, await SinkSchema.CountAsync(db, "vibration_diagnoses"));
        Assert.Equal(1L, await SinkSchema.CountAsync(db, "anomalies"));
        Assert.Equal(1L, await SinkSchema.CountAsync(db, "thresholds"));
        Assert.Equal(240L, await SinkSchema.CountAsync(db, "locations"));
        Assert.Equal(5L, await SinkSchema.CountAsync(db, "machines"));
    }
}
