using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Producers.Publishing;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.Sinks;
using SensorStream.Sinks.Batching;
using SensorStream.Sinks.Hosting;
using SensorStream.Storage.Migrations;
using SensorStream.Tests.Infrastructure;
using SensorStream.Tests.Sinks;
using SensorStream.Tests.StreamProcessors.Processing;

namespace SensorStream.Tests.Runtime;

/// <summary>Issue 11 item 4: a programming error while storing a record is not bad input; it stops the sink instead of being dead-lettered.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SinkFailureTests(PostgresClusterFixture fixture)
{
    /// <summary>A route with a bug: it throws what a bad index would on the fifth record.</summary>
    private sealed class BuggyRoute : ITopicRoute
    {
        private int _seen;

        public string? Add(ConsumeResult<byte[]?, byte[]?> record) =>
            ++_seen == 5 ? throw new IndexOutOfRangeException("Index was outside the bounds of the array.") : null;
    }

    [Fact]
    public async Task ABugWhileStoringARecord_StopsTheSinkNamingTheRecord_AndNothingIsDeadLetteredOrCommitted()
    {
        await using var broker = await TestBroker.StartAsync();
        await SinkHarness.EnsureTopicsAsync(broker);
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        ProcessingHarness.Publish(broker, Topics.SensorsEnvironment, Enumerable.Range(0, 20)
            .Select(i => new EnvironmentReading("S1", "L1", start.AddSeconds(i), 20, 40, null))
            .Select(r => new OutgoingEvent<EnvironmentReading>(r.SensorId, r, r.EventTime, [])));
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, StoragePath.Plain);
        var kafka = ProcessingHarness.Kafka(broker);
        var options = SinkHarness.FastOptions(db, "buggy-sink");
        options.Topics = [Topics.SensorsEnvironment];
        using var registry = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = kafka.SchemaRegistryUrl });
        var tables = new SinkTables(registry, options.AcceptCorrectionScore);
        tables.Replace(Topics.SensorsEnvironment, new BuggyRoute());
        await using var dataSource = NpgsqlDataSource.Create(db);
        using var database = new SinkDatabase(dataSource, new TimePartitions(), options.GroupId);
        using var meter = new Meter("buggy-sink-" + Guid.NewGuid());
        var counters = new SinkCounters(meter);
        var host = new SinkHost(kafka, options, tables, database, new DeadLetterRouter(registry, options.GroupId, TimeProvider.System, NullLogger.Instance),
            new TransientRetry(new RetryOptions(), NullLogger.Instance, "sink"), counters, NullLogger.Instance, TimeProvider.System);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var failure = await Assert.ThrowsAsync<SinkFailedException>(() => Task.Run(() => host.Run(timeout.Token), TestContext.Current.CancellationToken));

        Assert.False(timeout.IsCancellationRequested, "the sink stopped by itself, not at the test's deadline");
        Assert.Contains("IndexOutOfRangeException", failure.Message);
        Assert.IsType<IndexOutOfRangeException>(failure.InnerException);
        Assert.Equal(0, counters.DeadLetters);
        Assert.Empty(TopicReader.ReadAll(broker.BootstrapServers, Topics.DeadLetters));
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.ConsumerConfig(options.GroupId)).Build();
        var committed = consumer.Committed(Enumerable.Range(0, 6).Select(p => new TopicPartition(Topics.SensorsEnvironment, p)), TimeSpan.FromSeconds(10));
        Assert.All(committed, c => Assert.True(c.Offset == Offset.Unset || c.Offset.Value <= 4, $"committed {c}"));
    }
}
