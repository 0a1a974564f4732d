using System.Buffers.Binary;
using System.Diagnostics;
using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.EmbeddedBroker;

/// <summary>Wire-level behaviour checked byte by byte against Kafka's message layouts.</summary>
public sealed class ProtocolBehaviourTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    private Task<RawKafkaClient> ConnectAsync() => RawKafkaClient.ConnectAsync(_broker.Broker.Port);

    private static Dictionary<short, (short Min, short Max)> ReadApiVersions(byte[] body, short version, bool flexible)
    {
        var reader = RawKafkaClient.Reader(body, version, flexible);
        Assert.Equal(0, reader.ReadInt16());
        var apis = new Dictionary<short, (short, short)>();
        var count = reader.ReadArrayLength();
        for (var i = 0; i < count; i++)
        {
            apis[reader.ReadInt16()] = (reader.ReadInt16(), reader.ReadInt16());
            reader.SkipTaggedFields();
        }
        return apis;
    }

    [Fact]
    public async Task ApiVersions_V3_AdvertisesTheImplementedRanges_InFlexibleEncoding()
    {
        using var client = await ConnectAsync();

        var body = await client.CallAsync((short)ApiKey.ApiVersions, 3, KafkaRequests.ApiVersions(), flexible: true);
        var apis = ReadApiVersions(body, 3, flexible: true);

        Assert.Equal(((short)3, (short)7), apis[(short)ApiKey.Produce]);
        Assert.Equal(((short)4, (short)11), apis[(short)ApiKey.Fetch]);
        Assert.Equal(((short)0, (short)6), apis[(short)ApiKey.Metadata]);
        Assert.Equal(((short)0, (short)5), apis[(short)ApiKey.OffsetFetch]);
        Assert.Equal(((short)0, (short)1), apis[(short)ApiKey.InitProducerId]);
        Assert.Equal(((short)0, (short)3), apis[(short)ApiKey.ApiVersions]);
        Assert.Equal(22, apis.Count);
    }

    [Fact]
    public async Task ApiVersions_UnknownNewerVersion_GetsUnsupportedVersionWithTheV0Table()
    {
        using var client = await ConnectAsync();

        var id = await client.SendAsync((short)ApiKey.ApiVersions, 9, KafkaRequests.Empty(), flexible: true);
        var body = await client.ReceiveAsync(id);
        var reader = RawKafkaClient.Reader(body, 0);

        Assert.Equal((short)ErrorCode.UnsupportedVersion, reader.ReadInt16());
        Assert.True(reader.ReadArrayLength() >= 20);
    }

    [Fact]
    public async Task Fetch_FromOffsetPastEnd_ReturnsOffsetOutOfRange()
    {
        using var client = await ConnectAsync();
        await client.CallAsync((short)ApiKey.Metadata, 4, KafkaRequests.Metadata("past-end"));
        await client.CallAsync((short)ApiKey.Produce, 7, KafkaRequests.Produce("past-end", 0, RecordBatchBuilder.Values("a", "b")));

        var body = await client.CallAsync((short)ApiKey.Fetch, 11, KafkaRequests.Fetch("past-end", 0, 5));
        var reader = RawKafkaClient.Reader(body, 11);
        reader.ReadInt32(); // throttle
        Assert.Equal(0, reader.ReadInt16());
        reader.ReadInt32(); // session
        Assert.Equal(1, reader.ReadArrayLength());
        Assert.Equal("past-end", reader.ReadString());
        Assert.Equal(1, reader.ReadArrayLength());
        Assert.Equal(0, reader.ReadInt32());
        Assert.Equal((short)ErrorCode.OffsetOutOfRange, reader.ReadInt16());
        Assert.Equal(2, reader.ReadInt64()); // high watermark
    }

    [Fact]
    public async Task Fetch_LongPoll_AnswersAsSoonAsDataArrives()
    {
        using var consumer = await ConnectAsync();
        using var producer = await ConnectAsync();
        await producer.CallAsync((short)ApiKey.Metadata, 4, KafkaRequests.Metadata("long-poll"));

        var stopwatch = Stopwatch.StartNew();
        var fetchId = await consumer.SendAsync((short)ApiKey.Fetch, 4, KafkaRequests.Fetch("long-poll", 0, 0, maxWaitMs: 10_000));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        await producer.CallAsync((short)ApiKey.Produce, 7, KafkaRequests.Produce("long-poll", 0, RecordBatchBuilder.Values("wake")));
        var body = await consumer.ReceiveAsync(fetchId);

        Assert.InRange(stopwatch.ElapsedMilliseconds, 250, 5_000);
        Assert.True(body.AsSpan().IndexOf("wake"u8) >= 0, "the fetched batch carries the produced value");
    }

    [Fact]
    public async Task Fetch_LongPoll_WithNothingToRead_WaitsForMaxWait()
    {
        using var client = await ConnectAsync();
        await client.CallAsync((short)ApiKey.Metadata, 4, KafkaRequests.Metadata("idle-poll"));

        var stopwatch = Stopwatch.StartNew();
        await client.CallAsync((short)ApiKey.Fetch, 4, KafkaRequests.Fetch("idle-poll", 0, 0, maxWaitMs: 600));

        Assert.InRange(stopwatch.ElapsedMilliseconds, 550, 5_000);
    }

    [Fact]
    public async Task Produce_WithAcksZero_GetsNoResponse_AndTheNextRequestIsAnswered()
    {
        using var client = await ConnectAsync();
        await client.CallAsync((short)ApiKey.Metadata, 4, KafkaRequests.Metadata("acks-zero"));

        await client.SendAsync((short)ApiKey.Produce, 3, KafkaRequests.Produce("acks-zero", 0, RecordBatchBuilder.Values("fire-and-forget"), acks: 0));
        var nextId = await client.SendAsync((short)ApiKey.ApiVersions, 0, KafkaRequests.Empty());

        await client.ReceiveAsync(nextId); // asserts the correlation id: nothing was answered for acks=0
        await TestTimeouts.WaitUntilAsync(() => _broker.Broker.State.Topics.Find("acks-zero")!.Partition(0)!.LogEndOffset == 1, "the acks=0 record is written");
    }

    [Fact]
    public async Task Produce_TranslatesValidationFailuresIntoErrorCodes()
    {
        using var client = await ConnectAsync();
        await client.CallAsync((short)ApiKey.Metadata, 4, KafkaRequests.Metadata("bad-batch"));
        var corrupt = RecordBatchBuilder.Values("x");
        corrupt[^1] ^= 1;

        var body = await client.CallAsync((short)ApiKey.Produce, 7, KafkaRequests.Produce("bad-batch", 0, corrupt));
        var unknown = await client.CallAsync((short)ApiKey.Produce, 7, KafkaRequests.Produce("bad-batch", 99, RecordBatchBuilder.Values("x")));

        Assert.Equal((short)ErrorCode.CorruptMessage, ProducePartitionError(body));
        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, ProducePartitionError(unknown));
        Assert.Equal(0, _broker.Broker.State.Topics.Find("bad-batch")!.Partition(0)!.LogEndOffset);
    }

    private static short ProducePartitionError(byte[] body)
    {
        var reader = RawKafkaClient.Reader(body, 7);
        reader.ReadArrayLength();
        reader.ReadString();
        reader.ReadArrayLength();
        reader.ReadInt32();
        return reader.ReadInt16();
    }

    [Fact]
    public async Task IdempotentProduce_OverTheWire_DropsDuplicates_AndRejectsGaps()
    {
        using var client = await ConnectAsync();
        await client.CallAsync((short)ApiKey.Metadata, 4, KafkaRequests.Metadata("idempotent"));
        var init = RawKafkaClient.Reader(await client.CallAsync((short)ApiKey.InitProducerId, 1, KafkaRequests.InitProducerId()), 1);
        init.ReadInt32();
        Assert.Equal(0, init.ReadInt16());
        var producerId = init.ReadInt64();
        var epoch = init.ReadInt16();
        byte[] Batch(int sequence) => RecordBatchBuilder.Build([(null, "v"u8.ToArray())], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), producerId, epoch, sequence);

        var first = await client.CallAsync((short)ApiKey.Produce, 7, KafkaRequests.Produce("idempotent", 0, Batch(0)));
        var duplicate = await client.CallAsync((short)ApiKey.Produce, 7, KafkaRequests.Produce("idempotent", 0, Batch(0)));
        var gap = await client.CallAsync((short)ApiKey.Produce, 7, KafkaRequests.Produce("idempotent", 0, Batch(2)));

        Assert.Equal(0, ProducePartitionError(first));
        Assert.Equal(0, ProducePartitionError(duplicate));
        Assert.Equal((short)ErrorCode.OutOfOrderSequenceNumber, ProducePartitionError(gap));
        Assert.Equal(1, _broker.Broker.State.Topics.Find("idempotent")!.Partition(0)!.LogEndOffset);
    }

    [Fact]
    public async Task ListOffsets_ByTimestamp_FindsTheFirstRecordAtOrAfterIt()
    {
        using var client = await ConnectAsync();
        await client.CallAsync((short)ApiKey.Metadata, 4, KafkaRequests.Metadata("by-time"));
        await client.CallAsync((short)ApiKey.Produce, 7, KafkaRequests.Produce("by-time", 0,
            RecordBatchBuilder.Build([(null, "a"u8.ToArray()), (null, "b"u8.ToArray()), (null, "c"u8.ToArray())], 10_000, timestampDeltas: [0, 1_000, 2_000])));

        async Task<(long Timestamp, long Offset)> Lookup(long timestamp)
        {
            var reader = RawKafkaClient.Reader(await client.CallAsync((short)ApiKey.ListOffsets, 2, KafkaRequests.ListOffsets("by-time", 0, timestamp)), 2);
            reader.ReadInt32();
            reader.ReadArrayLength();
            reader.ReadString();
            reader.ReadArrayLength();
            reader.ReadInt32();
            Assert.Equal(0, reader.ReadInt16());
            return (reader.ReadInt64(), reader.ReadInt64());
        }

        Assert.Equal((11_000L, 1L), await Lookup(10_500));
        Assert.Equal((-1L, 3L), await Lookup(-1));
        Assert.Equal((-1L, 0L), await Lookup(-2));
        Assert.Equal((-1L, -1L), await Lookup(99_000));
    }

    [Fact]
    public async Task OffsetFetch_ForAnUnknownGroup_IsMinusOneWithoutError_AndCommitsFromOutsideTheGroupAreKept()
    {
        using var client = await ConnectAsync();
        await client.CallAsync((short)ApiKey.Metadata, 4, KafkaRequests.Metadata("commits"));

        async Task<(long Offset, short Error)> Fetch()
        {
            var reader = RawKafkaClient.Reader(await client.CallAsync((short)ApiKey.OffsetFetch, 1, KafkaRequests.OffsetFetch("simple", "commits", 0)), 1);
            reader.ReadArrayLength();
            reader.ReadString();
            reader.ReadArrayLength();
            reader.ReadInt32();
            var offset = reader.ReadInt64();
            reader.ReadNullableString();
            return (offset, reader.ReadInt16());
        }

        Assert.Equal((-1L, (short)0), await Fetch());
        await client.CallAsync((short)ApiKey.OffsetCommit, 2, KafkaRequests.OffsetCommit("simple", "commits", 0, 42));
        Assert.Equal((42L, (short)0), await Fetch());
    }

    [Fact]
    public async Task OversizedFrame_ClosesOnlyThatConnection()
    {
        using var bad = await ConnectAsync();
        using var good = await ConnectAsync();

        var size = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, 200 * 1024 * 1024);
        await bad.SendRawAsync(size);

        Assert.True(await bad.IsClosedByPeerAsync(TimeSpan.FromSeconds(5)));
        await good.CallAsync((short)ApiKey.ApiVersions, 0, KafkaRequests.Empty());
    }

    [Fact]
    public async Task UnknownApiKey_ClosesTheConnection()
    {
        using var client = await ConnectAsync();

        await client.SendAsync(999, 0, KafkaRequests.Empty());

        Assert.True(await client.IsClosedByPeerAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task UnsupportedVersionOfARegularApi_ClosesTheConnection()
    {
        using var client = await ConnectAsync();

        await client.SendAsync((short)ApiKey.Produce, 2, KafkaRequests.Produce("x", 0, RecordBatchBuilder.Values("x")));

        Assert.True(await client.IsClosedByPeerAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task TrailingBytesAfterABody_AreRejectedAsMalformed()
    {
        using var client = await ConnectAsync();

        await client.SendAsync((short)ApiKey.ApiVersions, 0, w => w.WriteInt32(12345));

        Assert.True(await client.IsClosedByPeerAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task JoinGroup_ThenHeartbeat_OverTheWire()
    {
        using var client = await ConnectAsync();

        var reader = RawKafkaClient.Reader(await client.CallAsync((short)ApiKey.JoinGroup, 2, KafkaRequests.JoinGroup("wire-group")), 2);
        reader.ReadInt32();
        Assert.Equal(0, reader.ReadInt16());
        var generation = reader.ReadInt32();
        Assert.Equal("range", reader.ReadString());
        var leader = reader.ReadString();
        var member = reader.ReadString();
        Assert.Equal(leader, member);
        Assert.StartsWith("raw-test-", member);

        var heartbeat = RawKafkaClient.Reader(await client.CallAsync((short)ApiKey.Heartbeat, 1, KafkaRequests.Heartbeat("wire-group", generation, member)), 1);
        heartbeat.ReadInt32();
        Assert.Equal(0, heartbeat.ReadInt16()); // CompletingRebalance: heartbeats are fine while waiting for SyncGroup
    }

    [Fact]
    public async Task DescribeCluster_V0_AnswersInFlexibleEncodingWithHeaderTags()
    {
        using var client = await ConnectAsync();

        var body = await client.CallAsync((short)ApiKey.DescribeCluster, 0, w =>
        {
            w.WriteBool(false);
            w.WriteTaggedFields();
        }, flexible: true, headerTags: true);
        var reader = RawKafkaClient.Reader(body, 0, flexible: true);

        reader.ReadInt32();
        Assert.Equal(0, reader.ReadInt16());
        Assert.Null(reader.ReadNullableString());
        Assert.Equal(_broker.Broker.ClusterId, reader.ReadString());
        Assert.Equal(1, reader.ReadInt32());
        Assert.Equal(1, reader.ReadArrayLength());
        Assert.Equal(1, reader.ReadInt32());
        Assert.Equal("127.0.0.1", reader.ReadString());
        Assert.Equal(_broker.Broker.Port, reader.ReadInt32());
    }

    [Fact]
    public async Task HealthEndpoint_ReportsTheClusterAndBootstrapAddress()
    {
        using var http = new HttpClient { BaseAddress = _broker.Broker.HttpUrl };

        var health = await http.GetStringAsync("/health", TestContext.Current.CancellationToken).DefaultTimeout();

        Assert.Contains("\"status\":\"ok\"", health);
        Assert.Contains(_broker.Broker.ClusterId, health);
        Assert.Contains(_broker.BootstrapServers, health);
    }

    [Fact]
    public async Task MetricsEndpoint_ServesPrometheusTextWithPerApiCounters()
    {
        using var client = await ConnectAsync();
        await client.CallAsync((short)ApiKey.Metadata, 4, KafkaRequests.Metadata("metered"));
        await client.CallAsync((short)ApiKey.Produce, 7, KafkaRequests.Produce("metered", 0, RecordBatchBuilder.Values("a", "b", "c")));
        await client.CallAsync((short)ApiKey.OffsetCommit, 2, KafkaRequests.OffsetCommit("metered-group", "metered", 0, 1));
        using var http = new HttpClient { BaseAddress = _broker.Broker.HttpUrl };

        var response = await http.GetAsync("/metrics", TestContext.Current.CancellationToken).DefaultTimeout();
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("sensorstream_broker_requests_total{api=\"Produce\"} 1", text);
        Assert.Contains("sensorstream_broker_request_duration_seconds_bucket{api=\"Metadata\",le=\"+Inf\"} 1", text);
        Assert.Contains("sensorstream_broker_log_end_offset{partition=\"0\",topic=\"metered\"} 3", text);
        Assert.Contains("sensorstream_broker_group_lag{group=\"metered-group\",partition=\"0\",topic=\"metered\"} 2", text);
        Assert.Contains("sensorstream_broker_records_appended_total{topic=\"metered\"} 3", text);
    }
}
