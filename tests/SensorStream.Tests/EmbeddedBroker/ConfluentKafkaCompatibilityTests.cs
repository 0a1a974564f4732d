using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.EmbeddedBroker;

/// <summary>librdkafka through Confluent.Kafka — the client every SensorStream service uses — against the embedded broker.</summary>
public sealed class ConfluentKafkaCompatibilityTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    // A short minimum session timeout lets tests bound how long a silently departed member is waited for.
    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync(o => o.GroupMinSessionTimeout = TimeSpan.FromSeconds(1));

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    private IAdminClient Admin() => new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _broker.BootstrapServers }).Build();

    private async Task CreateTopicAsync(string topic, int partitions)
    {
        using var admin = Admin();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 }]).DefaultTimeout();
    }

    [Fact]
    public async Task IdempotentLz4AndZstdProducers_ThreeConsumers_OneLeaves_EveryMessageExactlyOnceInKeyOrder()
    {
        const int total = 100_000;
        const int keys = 500;
        const string topic = "exactly-once";
        await CreateTopicAsync(topic, 6);
        var counts = new ConcurrentDictionary<int, int>();
        var perKey = new ConcurrentDictionary<int, List<int>>();
        var consumed = 0;
        var leaver = new CancellationTokenSource();
        var stop = new CancellationTokenSource();

        Task RunConsumer(string name, CancellationToken leave) => Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = _broker.BootstrapServers,
                GroupId = "exactly-once-group",
                ClientId = name,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = true,
                AutoCommitIntervalMs = 200,
                HeartbeatIntervalMs = 500,
                SessionTimeoutMs = 10_000,
            }).Build();
            consumer.Subscribe(topic);
            while (!stop.IsCancellationRequested && !leave.IsCancellationRequested)
            {
                var result = consumer.Consume(100);
                if (result is null)
                {
                    continue;
                }
                var (key, sequence) = (int.Parse(result.Message.Key[4..]), int.Parse(result.Message.Value.Split('|')[1]));
                counts.AddOrUpdate(int.Parse(result.Message.Value.Split('|')[0]), 1, (_, c) => c + 1);
                var list = perKey.GetOrAdd(key, _ => []);
                lock (list)
                {
                    list.Add(sequence);
                }
                Interlocked.Increment(ref consumed);
            }
            consumer.Close();
        });

        var consumers = new[] { RunConsumer("c1", CancellationToken.None), RunConsumer("c2", CancellationToken.None), RunConsumer("c3", leaver.Token) };
        var produceErrors = 0;
        var nextSequence = new int[keys];
        foreach (var (compression, from, to) in new[] { (CompressionType.Lz4, 0, total / 2), (CompressionType.Zstd, total / 2, total) })
        {
            using var producer = new ProducerBuilder<string, string>(new ProducerConfig
            {
                BootstrapServers = _broker.BootstrapServers,
                EnableIdempotence = true,
                CompressionType = compression,
                LingerMs = 5,
            }).Build();
            for (var i = from; i < to; i++)
            {
                var key = i % keys;
                producer.Produce(topic, new Message<string, string> { Key = $"key-{key}", Value = $"{i}|{nextSequence[key]++}" },
                    report => { if (report.Error.IsError) { Interlocked.Increment(ref produceErrors); } });
            }
            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(60)));
        }
        Assert.Equal(0, produceErrors);

        await TestTimeouts.WaitUntilAsync(() => Volatile.Read(ref consumed) >= total / 3, "a third of the messages are consumed", TimeSpan.FromSeconds(60));
        await leaver.CancelAsync();
        await consumers[2].WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await TestTimeouts.WaitUntilAsync(() => counts.Count >= total, "every message is consumed", TimeSpan.FromSeconds(120));
        await Task.Delay(1_000, TestContext.Current.CancellationToken); // any duplicate delivery would show up here
        await stop.CancelAsync();
        await Task.WhenAll(consumers).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(total, counts.Count);
        var duplicated = counts.Where(c => c.Value != 1).Select(c => c.Key).Take(10).ToList();
        Assert.True(duplicated.Count == 0, $"delivered more than once: {string.Join(", ", duplicated)}");
        foreach (var (key, sequences) in perKey)
        {
            Assert.True(sequences.SequenceEqual(Enumerable.Range(0, sequences.Count)), $"key {key} out of order");
        }
    }

    [Fact]
    public async Task CooperativeStickyConsumers_ShareTheTopic_AndAReplacementTakesOverWithoutLoss()
    {
        const int total = 3_000;
        await CreateTopicAsync("cooperative", 6);
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers }).Build())
        {
            for (var i = 0; i < total; i++)
            {
                producer.Produce("cooperative", new Message<string, string> { Key = $"k{i % 60}", Value = $"{i}" });
            }
            producer.Flush(TimeSpan.FromSeconds(10));
        }
        var seen = new ConcurrentDictionary<string, int>();
        var stop = new CancellationTokenSource();
        var assignments = new ConcurrentDictionary<string, int>();
        Task Run(string name, Func<bool> leaveWhen) => Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = _broker.BootstrapServers,
                GroupId = "cooperative-group",
                ClientId = name,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
                HeartbeatIntervalMs = 300,
                // librdkafka 2.0.2's cooperative consumer closes without a LeaveGroup (seen with debug=cgrp),
                // so its partitions move when its session expires.
                SessionTimeoutMs = 2_000,
                AutoCommitIntervalMs = 100,
            }).Build();
            consumer.Subscribe("cooperative");
            while (!stop.IsCancellationRequested && !leaveWhen())
            {
                if (consumer.Consume(50) is { } result)
                {
                    seen.AddOrUpdate(result.Message.Value, 1, (_, c) => c + 1);
                    assignments[name] = consumer.Assignment.Count;
                    Thread.Sleep(1); // slow enough that the group changes while work remains
                }
            }
            consumer.Close();
        });

        // The first consumer leaves once both share the topic (an incremental rebalance has happened).
        var first = Run("first", () => assignments.ContainsKey("second") && assignments.GetValueOrDefault("first") > 0 && seen.Count > total / 3);
        var second = Run("second", () => false);
        await first.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await TestTimeouts.WaitUntilAsync(() => seen.Count == total, "every message is consumed after the first consumer left", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await second.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(total, seen.Count);
        Assert.True(assignments.Count == 2, "both consumers got partitions");
    }

    [Fact]
    public async Task AdminClient_CreatesGrowsDescribesAltersAndDeletesTopics()
    {
        using var admin = Admin();
        await admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = "admin-topic", NumPartitions = 2, ReplicationFactor = 1,
            Configs = new Dictionary<string, string> { ["retention.ms"] = "3600000" },
        }]).DefaultTimeout();

        var duplicate = await Assert.ThrowsAsync<CreateTopicsException>(() =>
            admin.CreateTopicsAsync([new TopicSpecification { Name = "admin-topic", NumPartitions = 1, ReplicationFactor = 1 }])).DefaultTimeout();
        Assert.Equal(ErrorCode.TopicAlreadyExists, duplicate.Results[0].Error.Code);
        var badConfig = await Assert.ThrowsAsync<CreateTopicsException>(() =>
            admin.CreateTopicsAsync([new TopicSpecification { Name = "bad-config", NumPartitions = 1, ReplicationFactor = 1, Configs = new() { ["no.such.setting"] = "1" } }])).DefaultTimeout();
        Assert.Equal(ErrorCode.InvalidConfig, badConfig.Results[0].Error.Code);

        await admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "admin-topic", IncreaseTo = 5 }]).DefaultTimeout();
        Assert.Equal(5, admin.GetMetadata("admin-topic", TimeSpan.FromSeconds(10)).Topics[0].Partitions.Count);

        var resource = new ConfigResource { Type = ResourceType.Topic, Name = "admin-topic" };
        await admin.AlterConfigsAsync(new Dictionary<ConfigResource, List<ConfigEntry>>
        {
            [resource] = [new ConfigEntry { Name = "retention.ms", Value = "7200000" }, new ConfigEntry { Name = "cleanup.policy", Value = "compact" }],
        }).DefaultTimeout();
        var described = (await admin.DescribeConfigsAsync([resource]).DefaultTimeout())[0].Entries;
        Assert.Equal("7200000", described["retention.ms"].Value);
        Assert.Equal("compact", described["cleanup.policy"].Value);
        Assert.False(described["retention.ms"].IsDefault);
        Assert.True(described["segment.bytes"].IsDefault);

        await admin.DeleteTopicsAsync(["admin-topic"]).DefaultTimeout();
        await TestTimeouts.WaitUntilAsync(() => admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.All(t => t.Topic != "admin-topic"), "the topic is gone");
    }

    [Fact]
    public async Task OffsetsForTimes_ReplaysFromAPointInTime()
    {
        await CreateTopicAsync("replay", 1);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers }).Build())
        {
            for (var minute = 0; minute < 60; minute++)
            {
                producer.Produce("replay", new Message<Null, string> { Value = $"minute {minute}", Timestamp = new Timestamp(start.AddMinutes(minute)) });
            }
            producer.Flush(TimeSpan.FromSeconds(10));
        }
        using var consumer = new ConsumerBuilder<Null, string>(new ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = "replay-reader" }).Build();

        var offsets = consumer.OffsetsForTimes([new TopicPartitionTimestamp("replay", 0, new Timestamp(start.AddMinutes(42).AddSeconds(-1)))], TimeSpan.FromSeconds(10));
        consumer.Assign(offsets);
        var first = consumer.Consume(TimeSpan.FromSeconds(10));

        Assert.Equal(42, offsets[0].Offset.Value);
        Assert.Equal("minute 42", first.Message.Value);
    }

    [Fact]
    public async Task GroupAdmin_ListsDescribesAndDeletesGroups()
    {
        await CreateTopicAsync("grouped", 2);
        using (var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = _broker.BootstrapServers, GroupId = "described", AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build())
        {
            consumer.Subscribe("grouped");
            await TestTimeouts.WaitUntilAsync(() =>
            {
                consumer.Consume(50);
                return consumer.Assignment.Count == 2;
            }, "the consumer is assigned both partitions");
            using var admin = Admin();
            var group = admin.ListGroup("described", TimeSpan.FromSeconds(10));
            Assert.Equal("Stable", group.State);
            Assert.Equal("consumer", group.ProtocolType);
            Assert.Single(group.Members);
            Assert.Contains(admin.ListGroups(TimeSpan.FromSeconds(10)), g => g.Group == "described");
            var refused = await Assert.ThrowsAsync<DeleteGroupsException>(() => admin.DeleteGroupsAsync(["described"])).DefaultTimeout();
            Assert.Equal(ErrorCode.NonEmptyGroup, refused.Results[0].Error.Code);
            consumer.Commit([new TopicPartitionOffset("grouped", 0, 0)]);
            consumer.Close();
        }
        using var cleaner = Admin();
        await cleaner.DeleteGroupsAsync(["described"]).DefaultTimeout();
        Assert.DoesNotContain(cleaner.ListGroups(TimeSpan.FromSeconds(10)), g => g.Group == "described");
    }
}
