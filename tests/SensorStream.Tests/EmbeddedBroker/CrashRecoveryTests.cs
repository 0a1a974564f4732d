using System.Collections.Concurrent;
using Confluent.Kafka;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.EmbeddedBroker;

/// <summary>kill -9 of a broker process mid-stream, then a restart on the same data directory.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TempDirectory _data = new("crash");

    [Fact]
    public async Task KillDashNine_MidStream_KeepsEveryAcknowledgedMessage_AndCommittedOffsets()
    {
        const string topic = "crash-topic";
        const int total = 20_000;
        var port = BrokerProcess.FreePort();
        var broker = await BrokerProcess.StartAsync(_data.Path, port, "--fsync", "Always");
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var failed = 0;
        IReadOnlyList<TopicPartitionOffset> committed;
        try
        {
            using var producer = new ProducerBuilder<string, string>(new ProducerConfig
            {
                BootstrapServers = broker.BootstrapServers,
                EnableIdempotence = true,
                LingerMs = 2,
                MessageTimeoutMs = 60_000,
                ReconnectBackoffMaxMs = 200,
            }).Build();
            for (var i = 0; i < total / 2; i++)
            {
                Produce(producer, i);
            }
            producer.Flush(TimeSpan.FromSeconds(30));
            committed = ConsumeAndCommitSome(broker.BootstrapServers, topic, 2_000);

            // Second half: the broker dies while these are in flight.
            var producing = Task.Run(() =>
            {
                for (var i = total / 2; i < total; i++)
                {
                    Produce(producer, i);
                    if (i % 20 == 0)
                    {
                        Thread.Sleep(2); // about 10 000 messages/s, so the kill lands mid-stream
                    }
                }
            }, TestContext.Current.CancellationToken);
            await TestTimeouts.WaitUntilAsync(() => acknowledged.Count > total / 2 + 2_000, "part of the second half is acknowledged");
            var acknowledgedBeforeCrash = acknowledged.Keys.ToHashSet();
            broker.KillHard();
            Assert.True(acknowledgedBeforeCrash.Count < total - 1_000, $"the kill came too late: {acknowledgedBeforeCrash.Count} already acknowledged");
            await producing.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
            broker.Dispose();

            broker = await BrokerProcess.StartAsync(_data.Path, port, "--fsync", "Always");
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(60)));

            var stored = ReadEverything(broker.BootstrapServers, topic);
            Assert.Equal(0, Volatile.Read(ref failed));
            Assert.Empty(acknowledgedBeforeCrash.Except(stored));
            Assert.Empty(acknowledged.Keys.Except(stored));
            Assert.Equal(stored.Count, stored.Distinct().Count());

            using var resumed = new ConsumerBuilder<string, string>(GroupConfig(broker.BootstrapServers)).Build();
            var positions = resumed.Committed(committed.Select(c => c.TopicPartition), TimeSpan.FromSeconds(10));
            Assert.Equal(committed.Select(c => (c.Partition.Value, c.Offset.Value)).Order(), positions.Select(p => (p.Partition.Value, p.Offset.Value)).Order());
        }
        finally
        {
            broker.Dispose();
        }

        void Produce(IProducer<string, string> producer, int i) =>
            producer.Produce(topic, new Message<string, string> { Key = $"k{i % 50}", Value = $"m{i}" }, report =>
            {
                if (report.Error.IsError)
                {
                    Interlocked.Increment(ref failed);
                }
                else
                {
                    acknowledged[report.Message.Value] = true;
                }
            });
    }

    private static ConsumerConfig GroupConfig(string bootstrap) => new()
    {
        BootstrapServers = bootstrap,
        GroupId = "crash-group",
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
    };

    private static List<TopicPartitionOffset> ConsumeAndCommitSome(string bootstrap, string topic, int count)
    {
        using var consumer = new ConsumerBuilder<string, string>(GroupConfig(bootstrap)).Build();
        consumer.Subscribe(topic);
        var read = 0;
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (read < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(100) is not null)
            {
                read++;
            }
        }
        var committed = consumer.Commit();
        consumer.Close();
        Assert.NotEmpty(committed);
        return committed;
    }

    private static List<string> ReadEverything(string bootstrap, string topic)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "crash-audit", EnableAutoCommit = false }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var ends = partitions.ToDictionary(p => p.Partition.Value, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var values = new List<string>();
        var positions = partitions.ToDictionary(p => p.Partition.Value, _ => 0L);
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (positions.Any(p => p.Value < ends[p.Key]) && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(100) is { } result)
            {
                values.Add(result.Message.Value);
                positions[result.Partition.Value] = result.Offset.Value + 1;
            }
        }
        Assert.True(positions.All(p => p.Value >= ends[p.Key]), "read every partition to its end");
        return values;
    }

    public void Dispose() => _data.Dispose();
}
