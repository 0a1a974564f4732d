using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Publishing;
using SensorStream.Storage;
using SensorStream.Storage.LocalDatabase;
using SensorStream.Tests.Infrastructure;
using SensorStream.Tests.StreamProcessors.Processing;

namespace SensorStream.Tests.Sinks;

/// <summary>
/// Stops the database under a running sink, so it runs on a cluster of its own rather than the shared one; on both
/// storage paths (TimescaleDB where installed), as an ordinary database owner.
/// </summary>
public sealed class SinkOutageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private LocalPostgresCluster? _cluster;

    private LocalPostgresCluster Cluster => _cluster!;

    public async ValueTask InitializeAsync() => _cluster = await LocalPostgresCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private static List<EnvironmentReading> Readings(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new EnvironmentReading($"F2-B1-1F-L0{1 + (i % 4)}-A1", $"F2-B1-1F-L0{1 + (i % 4)}", T0.AddSeconds(i), 20 + (i % 10), 50, null))];

    private static void Publish(TestBroker broker, IEnumerable<EnvironmentReading> readings) =>
        ProcessingHarness.Publish(broker, Topics.SensorsEnvironment, readings.Select(r => new OutgoingEvent<EnvironmentReading>(r.SensorId, r, r.EventTime, [])));

    public static TheoryData<StorageMode> Paths => [StorageMode.Plain, StorageMode.TimescaleDb];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Sink_DatabaseStoppedAndRestartedMidRun_PausesRetriesAndEndsWithExactlyThePublishedRows(StorageMode mode)
    {
        SinkSchema.SkipUnlessAvailable(Cluster, SinkSchema.PathOf(mode));
        await using var broker = await TestBroker.StartAsync();
        await SinkHarness.EnsureTopicsAsync(broker);
        var name = await Cluster.CreateDatabaseAsync(LocalPostgresCluster.OwnerRole);
        var db = Cluster.ConnectionString(name, user: LocalPostgresCluster.OwnerRole);
        var before = Readings(0, 300);
        var during = Readings(300, 300);
        var blocks = Enumerable.Range(0, 50).Select(i => new VibrationBlock("g2", "sensor2", T0.AddSeconds(i), 1000, null, [i, -i])).ToList();
        Publish(broker, before);
        // The sink keeps pooled connections; Timeout keeps each failed attempt short while the server is away.
        var options = SinkHarness.FastOptions(Cluster.ConnectionString(name, pooling: true, user: LocalPostgresCluster.OwnerRole), "outage-sink", mode);
        options.MaxBatchRecords = 50;

        await using (var running = SinkHarness.Start(broker, options))
        {
            await running.WaitUntilMigratedAsync();
            await SinkHarness.WaitUntilAsync(async () => await SinkSchema.CountAsync(db, "environment_readings") == 300,
                async () => $"{await SinkSchema.CountAsync(db, "environment_readings")} readings", "the first readings are stored", TimeSpan.FromSeconds(60));

            await Cluster.StopAsync();
            Publish(broker, during);
            ProcessingHarness.Publish(broker, Topics.SensorsVibration, blocks.Select(b => new OutgoingEvent<VibrationBlock>(b.SensorId, b, b.EventTime, [])));
            await TestTimeouts.WaitUntilAsync(() => { running.AssertRunning(); return running.Sink.Counters.Retries >= 3; }, "the sink has retried a few times");
            await Cluster.StartAgainAsync();

            await SinkHarness.WaitUntilAsync(
                async () => { running.AssertRunning(); return await SinkSchema.CountAsync(db, "environment_readings") == 600 && await SinkSchema.CountAsync(db, "vibration_blocks") == 50; },
                async () => $"{await SinkSchema.CountAsync(db, "environment_readings")} readings, {await SinkSchema.CountAsync(db, "vibration_blocks")} blocks",
                "everything published is stored", TimeSpan.FromSeconds(60));
        }

        var stored = await SinkSchema.RowsAsync(db, "SELECT sensor_id, event_time, temperature_c FROM environment_readings ORDER BY event_time");
        Assert.Equal(before.Concat(during).Select(r => (r.SensorId, r.EventTime.UtcDateTime, r.TemperatureC)),
            stored.Select(r => ((string)r[0]!, (DateTime)r[1]!, (double)r[2]!)));
        Assert.Equal(600L + 50, await SinkSchema.ScalarAsync<decimal>(db, "SELECT sum(next_offset) FROM sink_offsets WHERE consumer_group = 'outage-sink'"));
    }
}
