using System.Text;
using Confluent.Kafka;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Producers.Publishing;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.StreamProcessors.Processing;

/// <summary>The environment and rollup processors end to end on the embedded broker.</summary>
public sealed class EnvironmentProcessingTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    private static void AssertMatches(IReadOnlyDictionary<(string Entity, string Metric, DateTimeOffset Start), (long Count, double Min, double Max, double Avg, string EntityType)> expected,
        IReadOnlyDictionary<(string Entity, string Metric, DateTimeOffset Start, DateTimeOffset End), WindowAggregate> actual)
    {
        foreach (var ((entity, metric, start), e) in expected)
        {
            Assert.True(actual.TryGetValue((entity, metric, start, start.AddMinutes(1)), out var w), $"no window for {entity} {metric} {start:HH:mm}");
            Assert.Equal((e.Count, e.Min, e.Max, e.EntityType), (w.Count, w.Min, w.Max, w.EntityType));
            Assert.Equal(e.Avg, w.Avg, 9);
            Assert.Equal(0, w.LateCount);
            Assert.NotEqual(StatusLevel.Unknown, w.Status);
        }
    }

    [Fact]
    public async Task Windows_OfEverySensorLocationFloorBuildingAndFactory_EqualABruteForce()
    {
        var (data, flush) = EnvironmentExpectations.Readings(seed: 21, minutes: 6);
        ProcessingHarness.Publish(_broker, Topics.SensorsEnvironment, data.Concat(flush));
        var expected = EnvironmentExpectations.Windows(data.Select(d => d.Value));

        await using (ProcessingHarness.Start(_broker, ProcessingHarness.FastOptions("env-test")))
        {
            var actual = await ProcessingHarness.WaitForWindowsAsync(_broker, expected.Count);
            AssertMatches(expected, actual);
        }
        var statuses = TopicReader.ReadAll(_broker.BootstrapServers, Topics.StatusChanges).Select(r => ProcessingHarness.Decode<StatusChange>(r.Value)).ToList();
        Assert.Contains(statuses, s => s.EntityId == "F1" && s.Metric == "temperature_c" && s.PreviousLevel is null);
        Assert.Empty(TopicReader.ReadAll(_broker.BootstrapServers, Topics.DeadLetters));
    }

    [Fact]
    public async Task ATemperatureSpike_AfterWarmUp_IsOneStatisticalAnomaly_WithItsScoreAndThreshold()
    {
        const string sensor = "F1-B1-1F-L01-A1";
        var random = new Random(5);
        var spikeAt = EnvironmentExpectations.Start.AddSeconds(10 * 45);
        var readings = Enumerable.Range(0, 60).Select(i =>
        {
            var time = EnvironmentExpectations.Start.AddSeconds(10 * i);
            var temperature = time == spikeAt ? 45 : 21 + (random.NextDouble() * 0.4);
            return new EnvironmentReading(sensor, "F1-B1-1F-L01", time, temperature, 45 + random.NextDouble(), temperature);
        }).ToList();
        ProcessingHarness.Publish(_broker, Topics.SensorsEnvironment, readings.Select(r => new OutgoingEvent<EnvironmentReading>(sensor, r, r.EventTime, [])));

        await using (ProcessingHarness.Start(_broker, ProcessingHarness.FastOptions("ewma-test")))
        {
            await TestTimeouts.WaitUntilAsync(() => TopicReader.ReadAll(_broker.BootstrapServers, Topics.Anomalies).Count > 0, "the spike is flagged", TimeSpan.FromSeconds(60));
            // Readings after the spike are processed too, so any false alarm from them would be there by now.
            await TestTimeouts.WaitUntilAsync(() => ProcessingHarness.FinalWindows(_broker).Keys.Any(k => k.Entity == sensor && k.Start == spikeAt.AddMinutes(1).AddSeconds(-30)),
                "windows after the spike are emitted", TimeSpan.FromSeconds(60));
        }
        var anomaly = ProcessingHarness.Decode<Anomaly>(Assert.Single(TopicReader.ReadAll(_broker.BootstrapServers, Topics.Anomalies)).Value);
        Assert.Equal((sensor, "temperature_c", AnomalyKind.StatisticalOutlier, spikeAt, (double?)45.0), (anomaly.EntityId, anomaly.Field, anomaly.Kind, anomaly.EventTime, anomaly.ObservedValue));
        Assert.InRange(anomaly.ExpectedValue!.Value, 21, 21.4);
        Assert.True(anomaly.Score > 5, $"score {anomaly.Score}");
        Assert.Equal("5", anomaly.Details["threshold"]);
    }

    [Fact]
    public async Task BadRecords_GoToTheDeadLetterTopic_WithReasonPositionAndBytes_AndProcessingContinues()
    {
        using var registry = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = _broker.Broker.SchemaRegistryUrl! });
        var good = new EnvironmentReading("F1-B1-1F-L01-A1", "F1-B1-1F-L01", EnvironmentExpectations.Start, 21, 45, 21);
        ProcessingHarness.Publish(_broker, Topics.SensorsEnvironment, [new OutgoingEvent<EnvironmentReading>(good.SensorId, good, good.EventTime, [])]);
        var valid = ProcessingHarness.EncodeReading(registry, good with { HumidityPct = 150 });
        var bad = new (string Name, byte[] Bytes)[]
        {
            ("garbage", Encoding.ASCII.GetBytes("definitely not avro")),
            ("wrong magic", [7, .. valid[1..]]),
            ("unknown schema id", [0, 0, 0, 0x7F, 0x7F, .. valid[5..]]),
            ("truncated", valid[..9]),
            ("humidity 150", valid),
        };
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers }).Build())
        {
            foreach (var (name, bytes) in bad)
            {
                await producer.ProduceAsync(Topics.SensorsEnvironment, new Message<string, byte[]> { Key = good.SensorId, Value = bytes, Headers = [new Header("case", Encoding.UTF8.GetBytes(name))] },
                    TestContext.Current.CancellationToken);
            }
        }
        var later = good with { EventTime = good.EventTime.AddMinutes(10) };
        ProcessingHarness.Publish(_broker, Topics.SensorsEnvironment, [new OutgoingEvent<EnvironmentReading>(later.SensorId, later, later.EventTime, [])]);

        await using (ProcessingHarness.Start(_broker, ProcessingHarness.FastOptions("dlq-test")))
        {
            await TestTimeouts.WaitUntilAsync(() => TopicReader.ReadAll(_broker.BootstrapServers, Topics.DeadLetters).Count >= bad.Length, "every bad record is dead-lettered", TimeSpan.FromSeconds(60));
            await TestTimeouts.WaitUntilAsync(() => ProcessingHarness.FinalWindows(_broker).Keys.Any(k => k.Entity == good.SensorId && k.Start == good.EventTime), "the good reading's window is emitted", TimeSpan.FromSeconds(60));
        }

        var letters = TopicReader.ReadAll(_broker.BootstrapServers, Topics.DeadLetters).Select(r => ProcessingHarness.Decode<DeadLetter>(r.Value)).OrderBy(l => l.SourceOffset).ToList();
        Assert.Equal(bad.Length, letters.Count);
        Assert.Equal(["WrongMagicByte", "WrongMagicByte", "UnknownSchemaId", "OversizedLength", "InvalidValue"], letters.Select(l => l.ErrorReason));
        Assert.All(letters.Zip(bad), pair => Assert.Equal(pair.Second.Bytes, pair.First.Value));
        Assert.All(letters, l => Assert.Equal((Topics.SensorsEnvironment, "dlq-test-environment"), (l.SourceTopic, l.Processor)));
        Assert.Contains("humidity_pct 150", letters[^1].ErrorMessage);
        Assert.Equal(Encoding.UTF8.GetBytes("garbage"), letters[0].Headers.Single(h => h.Key == "case").Value);
    }

    [Fact]
    public async Task AReadingPastTheAllowedLateness_GoesToLateEvents_AndRaisesItsWindowsLateCount()
    {
        const string sensor = "F2-B1-2F-L03-A1";
        var t0 = EnvironmentExpectations.Start;
        var readings = Enumerable.Range(0, 24).Select(i => t0.AddSeconds(i * 10)) // four minutes, one reading every 10 s
            .Append(t0.AddSeconds(15))                                            // late: the watermark is past 1 min + 30 s lateness
            .Append(t0.AddMinutes(9))                                              // moves the watermark on
            .Select(time => new EnvironmentReading(sensor, "F2-B1-2F-L03", time, 22, 40, 22))
            .Select(r => new OutgoingEvent<EnvironmentReading>(r.SensorId, r, r.EventTime, [])).ToList();
        ProcessingHarness.Publish(_broker, Topics.SensorsEnvironment, readings);

        await using (ProcessingHarness.Start(_broker, ProcessingHarness.FastOptions("late-test")))
        {
            await TestTimeouts.WaitUntilAsync(() => ProcessingHarness.FinalWindows(_broker).TryGetValue((sensor, "temperature_c", t0, t0.AddMinutes(1)), out var w) && w.LateCount == 1,
                "the first window reports one late reading", TimeSpan.FromSeconds(60));
        }

        var late = Assert.Single(TopicReader.ReadAll(_broker.BootstrapServers, Topics.LateEvents));
        Assert.Equal(sensor, late.Key);
        Assert.Equal(t0.AddSeconds(15), ProcessingHarness.Decode<EnvironmentReading>(late.Value).EventTime);
        Assert.Equal(Topics.SensorsEnvironment, late.Headers["late-source-topic"]);
        Assert.Equal("3", late.Headers["late-windows"]); // temperature, humidity and perceived temperature
        Assert.Equal(6, ProcessingHarness.FinalWindows(_broker)[(sensor, "humidity_pct", t0, t0.AddMinutes(1))].Count);
    }

    [Fact]
    public async Task OneSensorAlone_StillGetsWindowsAtEveryLevel_ThoughTheOtherPartitionsAreEmpty()
    {
        const string sensor = "F2-B1-2F-L03-A1";
        var t0 = EnvironmentExpectations.Start;
        var readings = Enumerable.Range(0, 18).Select(i => new EnvironmentReading(sensor, "F2-B1-2F-L03", t0.AddSeconds(i * 10), 22, 40, null))
            .Select(r => new OutgoingEvent<EnvironmentReading>(r.SensorId, r, r.EventTime, [])).ToList();
        ProcessingHarness.Publish(_broker, Topics.SensorsEnvironment, readings);

        // The location's other sensor never reports, and five of six partitions have no data at all: the rollup
        // must close the windows on the one busy partition's watermark and the others' "no data" heartbeats.
        var levels = new[] { "F2-B1-2F-L03", "F2-B1-2F", "F2-B1", "F2" };
        await using (ProcessingHarness.Start(_broker, ProcessingHarness.FastOptions("alone-test")))
        {
            await TestTimeouts.WaitUntilAsync(() => levels.All(l => ProcessingHarness.FinalWindows(_broker).ContainsKey((l, "temperature_c", t0, t0.AddMinutes(1)))),
                "the first minute's window at every level", TimeSpan.FromSeconds(60));
        }
        var windows = ProcessingHarness.FinalWindows(_broker);
        Assert.All(levels, l => Assert.Equal(6, windows[(l, "temperature_c", t0, t0.AddMinutes(1))].Count));
    }
}
