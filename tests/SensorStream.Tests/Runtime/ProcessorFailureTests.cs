using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Producers.Publishing;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.StreamProcessors.Runtime;
using SensorStream.Tests.Infrastructure;
using SensorStream.Tests.StreamProcessors.Processing;

namespace SensorStream.Tests.Runtime;

/// <summary>Issue 11 item 3: an exception in processing code is a bug; it stops the processor loudly and nothing past it is committed.</summary>
public sealed class ProcessorFailureTests
{
    private const string Group = "bug-processor";

    /// <summary>Counts records and can commit past each; throws on one chosen offset of partition 0, as a bug would.</summary>
    private sealed class BuggyProcessor(int partition, long failAt) : ICommittableProcessor
    {
        private long _pending = -1;
        private long _safe = -1;

        public long SafeOffset => Interlocked.Read(ref _safe);

        public void Process(SourceRecord item, Action<OutputRecord> emit)
        {
            if (item.Partition == partition && item.Offset == failAt)
            {
                throw new IndexOutOfRangeException("a bug in processing code");
            }
            _pending = item.Offset + 1;
        }

        public void Tick(DateTimeOffset now, Action<OutputRecord> emit)
        {
        }

        public void Complete(Action<OutputRecord> emit)
        {
        }

        public void OutputsHandedOver() => Interlocked.Exchange(ref _safe, _pending);
    }

    [Fact]
    public async Task AnExceptionInProcessing_StopsTheProcessor_NamingPartitionAndOffset_AndNothingPastItIsCommitted()
    {
        await using var broker = await TestBroker.StartAsync();
        var kafka = ProcessingHarness.Kafka(broker);
        await TopicBootstrapper.EnsureAsync(kafka, [Topics.SensorsEnvironment, Topics.DeadLetters]).DefaultTimeout();
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        ProcessingHarness.Publish(broker, Topics.SensorsEnvironment, Enumerable.Range(0, 600)
            .Select(i => new EnvironmentReading($"S{i % 12}", "L1", start.AddSeconds(i), 20, 40, null))
            .Select(r => new OutgoingEvent<EnvironmentReading>(r.SensorId, r, r.EventTime, [])));
        var partition0 = TopicReader.ReadAll(broker.BootstrapServers, Topics.SensorsEnvironment).Count(r => r.Partition == 0);
        Assert.True(partition0 > 20, "partition 0 has records past the failing one");
        const long failAt = 15;

        using var meter = new Meter("bug-" + Guid.NewGuid());
        using var registry = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = kafka.SchemaRegistryUrl });
        var context = new ProcessorContext(Group, new EventCodec(registry), new ProcessorCounters(meter, "bug"), TimeProvider.System, NullLogger.Instance,
            new TransientRetry(new RetryOptions(), NullLogger.Instance, "bug"), new DeadLetterRouter(registry, Group, TimeProvider.System, NullLogger.Instance));
        var host = new ProcessorHost("bug", kafka, [Topics.SensorsEnvironment], context, _ => new BuggyProcessor(0, failAt),
            new HostOptions { CommitInterval = TimeSpan.FromMilliseconds(100), SessionTimeout = TimeSpan.FromSeconds(6) });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var failure = await Assert.ThrowsAsync<ProcessorFailedException>(() => host.RunAsync(timeout.Token));

        Assert.False(timeout.IsCancellationRequested, "the processor stopped by itself, not at the test's deadline");
        Assert.Contains($"{Topics.SensorsEnvironment} [[0]] offset {failAt}", failure.Message);
        Assert.IsType<IndexOutOfRangeException>(failure.InnerException);
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.ConsumerConfig(Group)).Build();
        var committed = consumer.Committed([new TopicPartition(Topics.SensorsEnvironment, 0)], TimeSpan.FromSeconds(10)).Single().Offset;
        Assert.True(committed == Offset.Unset || committed.Value <= failAt, $"committed {committed} past the failed offset {failAt}");
    }
}
