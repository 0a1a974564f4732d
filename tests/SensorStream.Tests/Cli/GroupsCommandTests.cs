using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Cli;

/// <summary><c>sensorstream groups</c> against the embedded broker over TCP, with Confluent.Kafka consumers as the group.</summary>
public sealed class GroupsCommandTests : IAsyncLifetime
{
    private const int RecordsPerPartition = 10;
    private TestBroker _broker = null!;
    private readonly string _topic = "groups-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _group = "grp-" + Guid.NewGuid().ToString("N")[..8];
    private DateTimeOffset _middle;

    public async ValueTask InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _broker.BootstrapServers }).Build())
        {
            await admin.CreateTopicsAsync([new TopicSpecification { Name = _topic, NumPartitions = 2, ReplicationFactor = 1 }]).DefaultTimeout();
        }
        // Two partitions of ten records each; the second half of each is stamped an hour later, so a time splits them.
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        _middle = start.AddHours(1);
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers }).Build();
        for (var partition = 0; partition < 2; partition++)
        {
            for (var i = 0; i < RecordsPerPartition; i++)
            {
                var stamp = i < RecordsPerPartition / 2 ? start.AddSeconds(i) : _middle.AddSeconds(i);
                await producer.ProduceAsync(new TopicPartition(_topic, partition), new Message<byte[], byte[]>
                {
                    Key = Encoding.UTF8.GetBytes($"k{i}"), Value = Encoding.UTF8.GetBytes($"v{i}"), Timestamp = new Timestamp(stamp.UtcDateTime, TimestampType.CreateTime),
                }, TestContext.Current.CancellationToken).DefaultTimeout();
            }
        }
        // The group reads 7 records of partition 0 and 3 of partition 1, then leaves.
        using var consumer = NewConsumer();
        consumer.Commit([new TopicPartitionOffset(_topic, 0, 7), new TopicPartitionOffset(_topic, 1, 3)]);
        consumer.Close();
    }

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task List_ShowsTheGroupAndItsState()
    {
        var result = await Run("groups", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches($@"(?m)^{_group}\s+\S+", result.Output);
    }

    [Fact]
    public async Task Describe_ShowsCommittedOffsetLogEndAndLagPerPartition()
    {
        var result = await Run("groups", "describe", _group);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("total lag 10 records", result.Output, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^{_topic}\s+0\s+7\s+10\s+3\s", result.Output);
        Assert.Matches($@"(?m)^{_topic}\s+1\s+3\s+10\s+7\s", result.Output);
    }

    [Fact]
    public async Task Reset_WithoutExecute_IsADryRunThatChangesNothing()
    {
        var result = await Run("groups", "reset", _group, "--to-earliest");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Dry run", result.Output, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^{_topic}\s+0\s+7\s+0$", result.Output);
        Assert.Equal(new long[] { 7L, 3L }, await CommittedAsync());
    }

    [Fact]
    public async Task Reset_ToEarliest_Execute_CommitsTheLogStart_AndTheGroupReadsEverythingAgain()
    {
        var result = await Run("groups", "reset", _group, "--to-earliest", "--execute");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new long[] { 0L, 0L }, await CommittedAsync());
        using var consumer = NewConsumer();
        consumer.Subscribe(_topic);
        var seen = 0;
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (seen < 2 * RecordsPerPartition && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null })
            {
                seen++;
            }
        }
        consumer.Close();
        Assert.Equal(2 * RecordsPerPartition, seen);
    }

    [Fact]
    public async Task Reset_ToDateTime_MovesEachPartitionToTheFirstRecordAtOrAfterIt()
    {
        var result = await Run("groups", "reset", _group, "--to-datetime", _middle.ToString("O"), "--execute");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new long[] { 5L, 5L }, await CommittedAsync());
    }

    [Fact]
    public async Task Reset_ShiftBy_IsClampedToTheLog_AndTopicScopeLimitsThePartitions()
    {
        var back = await Run("groups", "reset", _group, "--shift-by", "-5", "--topic", $"{_topic}:1", "--execute");
        var forward = await Run("groups", "reset", _group, "--shift-by", "100", "--topic", $"{_topic}:0", "--execute");

        Assert.Equal(0, back.ExitCode);
        Assert.Equal(0, forward.ExitCode);
        Assert.Equal(new long[] { 10L, 0L }, await CommittedAsync());
    }

    [Fact]
    public async Task Reset_ToLatest_OnAnActiveGroup_IsRefused_AndNothingChanges()
    {
        using var member = NewConsumer();
        member.Subscribe(_topic);
        await TestTimeouts.WaitUntilAsync(() =>
        {
            member.Consume(TimeSpan.FromMilliseconds(100));
            return member.Assignment.Count == 2;
        }, "the member owns both partitions", TimeSpan.FromSeconds(60));

        var result = await Run("groups", "reset", _group, "--to-latest", "--execute");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("inactive", result.Error, StringComparison.Ordinal);
        Assert.Contains("member", result.Error, StringComparison.Ordinal);
        member.Close();
        Assert.Equal(new long[] { 7L, 3L }, await CommittedAsync());
    }

    [Theory]
    [InlineData(new[] { "--to-earliest", "--to-latest" }, "exactly one")]
    [InlineData(new string[0], "exactly one")]
    [InlineData(new[] { "--to-datetime", "yesterday" }, "is not a time")]
    [InlineData(new[] { "--shift-by", "ten" }, "ten")]
    [InlineData(new[] { "--to-earliest", "--execute", "--dry-run" }, "contradict")]
    public async Task Reset_WithMalformedArguments_ExitsNonZero_NamingTheProblem(string[] arguments, string expected)
    {
        var result = await Run(["groups", "reset", _group, .. arguments]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal(new long[] { 7L, 3L }, await CommittedAsync());
    }

    [Theory]
    [InlineData("no-such-topic", "does not exist")]
    [InlineData("{0}:7", "no partition 7")]
    [InlineData("{0}:x", "not a partition number")]
    [InlineData(":1", "is not topic")]
    public async Task Reset_WithABadTopicScope_IsRefused(string scope, string expected)
    {
        var result = await Run("groups", "reset", _group, "--to-earliest", "--topic", string.Format(System.Globalization.CultureInfo.InvariantCulture, scope, _topic));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_AnUnknownGroup_SaysSo()
    {
        var result = await Run("groups", "describe", "nobody-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    private IConsumer<byte[], byte[]> NewConsumer() => new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
    {
        BootstrapServers = _broker.BootstrapServers,
        GroupId = _group,
        EnableAutoCommit = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SessionTimeoutMs = 6000,
    }).Build();

    private Task<CliRunner.Result> Run(params string[] arguments) => CliRunner.RunAsync([.. arguments, "--bootstrap", _broker.BootstrapServers]);

    private async Task<long[]> CommittedAsync()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _broker.BootstrapServers }).Build();
        var result = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(_group, [new TopicPartition(_topic, 0), new TopicPartition(_topic, 1)])])
            .DefaultTimeout();
        return [.. result.Single().Partitions.OrderBy(p => p.Partition.Value).Select(p => p.Offset.Value)];
    }
}
