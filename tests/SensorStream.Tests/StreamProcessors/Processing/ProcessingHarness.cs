using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using SensorStream.Contracts;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Producers.Publishing;
using SensorStream.StreamProcessors;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.StreamProcessors.Processing;

/// <summary>Runs <see cref="StreamProcessing"/> in-process against a test broker, and reads what it wrote.</summary>
internal static class ProcessingHarness
{
    /// <summary>Small windows and short timeouts so a test's data closes its windows quickly.</summary>
    public static ProcessingOptions FastOptions(string groupPrefix) => new()
    {
        GroupPrefix = groupPrefix,
        Host = new SensorStream.StreamProcessors.Runtime.HostOptions { CommitInterval = TimeSpan.FromMilliseconds(300), TickInterval = TimeSpan.FromMilliseconds(200), SessionTimeout = TimeSpan.FromSeconds(6) },
        Environment = new EnvironmentProcessingOptions
        {
            Windows = ["1m"],
            RollupHeartbeat = TimeSpan.FromMilliseconds(500),
            Windowing = new SensorStream.StreamProcessors.Windows.WindowingOptions
            {
                OutOfOrderness = TimeSpan.FromSeconds(35),
                AllowedLateness = TimeSpan.FromSeconds(30),
                LateRetention = TimeSpan.FromMinutes(2),
                IdleTimeout = TimeSpan.FromSeconds(1),
            },
        },
    };

    public static KafkaOptions Kafka(TestBroker broker) => new() { BootstrapServers = broker.BootstrapServers, SchemaRegistryUrl = broker.Broker.SchemaRegistryUrl! };

    /// <summary>Starts processing; dispose the result to stop it (gracefully).</summary>
    public static RunningProcessing Start(TestBroker broker, ProcessingOptions options)
    {
        var meter = new Meter("test-processing-" + Guid.NewGuid());
        var processing = new StreamProcessing(Kafka(broker), options, NullLoggerFactory.Instance, meter);
        var stop = new CancellationTokenSource();
        var run = processing.RunAsync(stop.Token);
        return new RunningProcessing(processing, meter, stop, run);
    }

    internal sealed class RunningProcessing(StreamProcessing processing, Meter meter, CancellationTokenSource stop, Task run) : IAsyncDisposable
    {
        public StreamProcessing Processing => processing;

        public Task Run => run;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(60));
            processing.Dispose();
            meter.Dispose();
            stop.Dispose();
        }
    }

    /// <summary>Publishes events with the production publisher and waits until all are acknowledged.</summary>
    public static void Publish<T>(TestBroker broker, string topic, IEnumerable<OutgoingEvent<T>> events) where T : class, IAvroEvent<T>
    {
        using var registry = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = broker.Broker.SchemaRegistryUrl! });
        using var publisher = new EventPublisher<T>(Kafka(broker), new PublisherOptions(), registry, topic, NullLogger.Instance);
        foreach (var e in events)
        {
            publisher.Publish(e);
        }
        Assert.Equal(0, publisher.Flush(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, publisher.Counters.Failed);
    }

    /// <summary>Encodes a reading the way our producers do (wire format, registered schema), for tests that tamper with the bytes.</summary>
    public static byte[] EncodeReading(ISchemaRegistryClient registry, EnvironmentReading reading) =>
        ((Confluent.Kafka.ISerializer<EnvironmentReading>)new SensorStream.Contracts.WireFormat.AvroSerializer<EnvironmentReading>(registry))
            .Serialize(reading, new Confluent.Kafka.SerializationContext(Confluent.Kafka.MessageComponentType.Value, Topics.SensorsEnvironment));

    public static T Decode<T>(byte[] wire) where T : IAvroEvent<T>
    {
        var reader = new AvroReader(wire.AsSpan(5));
        return T.Decode(ref reader);
    }

    /// <summary>The latest emission of every window on metrics.windows (later emissions replace earlier ones).</summary>
    public static Dictionary<(string Entity, string Metric, DateTimeOffset Start, DateTimeOffset End), WindowAggregate> FinalWindows(TestBroker broker)
    {
        var windows = new Dictionary<(string, string, DateTimeOffset, DateTimeOffset), WindowAggregate>();
        foreach (var record in TopicReader.ReadAll(broker.BootstrapServers, Topics.MetricsWindows).OrderBy(r => r.Partition).ThenBy(r => r.Offset))
        {
            var w = Decode<WindowAggregate>(record.Value);
            windows[(w.EntityId, w.Metric, w.WindowStart, w.WindowEnd)] = w;
        }
        return windows;
    }

    /// <summary>Waits until the topic holds at least <paramref name="count"/> distinct windows and stops growing.</summary>
    public static async Task<Dictionary<(string Entity, string Metric, DateTimeOffset Start, DateTimeOffset End), WindowAggregate>> WaitForWindowsAsync(
        TestBroker broker, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        var previous = -1;
        while (true)
        {
            var total = TopicReader.ReadAll(broker.BootstrapServers, Topics.MetricsWindows).Count;
            if (total == previous && FinalWindows(broker) is var windows && windows.Count >= count)
            {
                return windows;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"only {FinalWindows(broker).Count} of {count} windows after waiting ({total} emissions)");
            }
            previous = total;
            await Task.Delay(1500);
        }
    }
}