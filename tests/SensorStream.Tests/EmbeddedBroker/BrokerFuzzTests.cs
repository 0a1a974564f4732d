using System.Buffers.Binary;
using System.Net.Sockets;
using Confluent.Kafka;
using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.EmbeddedBroker;

/// <summary>
/// Sprays the broker with random and mutated request frames, then checks it still serves a normal
/// produce/consume and that every log it holds still reads back whole after a restart.
/// </summary>
public sealed class BrokerFuzzTests : IAsyncLifetime
{
    private const int FrameCount = 12_000;
    private const int Seed = 20261121;
    private TestBroker _broker = null!;

    // Auto-creation is off so mutated topic names cannot create thousands of topics.
    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync(o => o.AutoCreateTopics = false);

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task TwelveThousandRandomAndMutatedFrames_LeaveTheBrokerServingAndItsLogsIntact()
    {
        _broker.Broker.State.Topics.Create("fuzz", 2, new Dictionary<string, string?>(), validateOnly: false);
        var seeds = SeedFrames();
        var sent = 0;
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var random = new Random(Seed + worker);
            while (Interlocked.Add(ref sent, 0) < FrameCount)
            {
                // Intact frames first, the mutated one last: a connection closes at its first bad frame.
                var frames = Enumerable.Range(0, random.Next(0, 4)).Select(_ => seeds[random.Next(seeds.Count)])
                    .Append(Mutate(seeds[random.Next(seeds.Count)], random)).ToList();
                Interlocked.Add(ref sent, frames.Count);
                await SendAndDrainAsync(frames);
            }
        }, TestContext.Current.CancellationToken)).ToList();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        Assert.True(sent >= FrameCount, $"{sent} frames sent");
        var (answered, rejected) = await RequestCountsAsync();
        Assert.True(answered > 1_000 && rejected > 1_000, $"the fuzz should exercise both paths: {answered} answered, {rejected} rejected");

        await ProduceAndConsumeNormallyAsync();
        await _broker.RestartAsync();
        AssertEveryLogReadsBackWhole();
        await ProduceAndConsumeNormallyAsync();
    }

    /// <summary>Requests answered and requests refused, summed over every API and reason, from the broker's metrics.</summary>
    private async Task<(double Answered, double Rejected)> RequestCountsAsync()
    {
        using var http = new HttpClient { BaseAddress = _broker.Broker.HttpUrl };
        var lines = (await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken).DefaultTimeout()).Split('\n');
        double Sum(string metric) => lines.Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return (Sum("sensorstream_broker_requests_total"), Sum("sensorstream_broker_rejected_requests_total"));
    }

    private async Task SendAndDrainAsync(IReadOnlyList<byte[]> frames)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", _broker.Broker.Port);
        try
        {
            foreach (var frame in frames)
            {
                await socket.SendAsync(frame, SocketFlags.None);
            }
            socket.Shutdown(SocketShutdown.Send);
            var buffer = new byte[64 * 1024];
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // The broker closing on a bad frame while we still write is expected.
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var frame = (byte[])seed.Clone();
        switch (random.Next(7))
        {
            case 0: // pure noise with an honest size
                frame = new byte[4 + random.Next(0, 300)];
                random.NextBytes(frame.AsSpan(4));
                break;
            case 1: // flip a few bits anywhere after the size
                for (var i = random.Next(1, 9); i > 0 && frame.Length > 4; i--)
                {
                    frame[random.Next(4, frame.Length)] ^= (byte)(1 << random.Next(8));
                }
                break;
            case 2: // overwrite a few bytes with extreme values (lengths, counts)
                for (var i = random.Next(1, 4); i > 0 && frame.Length > 8; i--)
                {
                    var at = random.Next(4, frame.Length - 4);
                    BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(at), random.Next(4) switch { 0 => -1, 1 => int.MaxValue, 2 => int.MinValue, _ => random.Next() });
                }
                break;
            case 3: // truncate the body, keep the size honest
                frame = frame[..random.Next(4, frame.Length)];
                break;
            case 4: // trailing garbage
                frame = [.. frame, .. Enumerable.Range(0, random.Next(1, 50)).Select(_ => (byte)random.Next(256))];
                break;
            case 5: // a lying size prefix
                BinaryPrimitives.WriteInt32BigEndian(frame, random.Next(3) switch { 0 => -random.Next(1, 1000), 1 => random.Next(int.MaxValue), _ => frame.Length + random.Next(1, 100) });
                return frame;
            default: // random API key and version on an otherwise valid body
                BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(4), (short)random.Next(-5, 80));
                BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(6), (short)random.Next(-2, 15));
                break;
        }
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
        return frame;
    }

    /// <summary>Valid frames of every kind the broker answers, to mutate.</summary>
    private static List<byte[]> SeedFrames()
    {
        var batch = RecordBatchBuilder.Values("fuzz-a", "fuzz-b");
        var seeds = new List<(ApiKey Key, short Version, Action<KafkaWriter> Body, bool Flexible)>
        {
            (ApiKey.ApiVersions, 0, KafkaRequests.ApiVersions(), false),
            (ApiKey.ApiVersions, 3, KafkaRequests.ApiVersions(), true),
            (ApiKey.Metadata, 1, KafkaRequests.Metadata("fuzz"), false),
            (ApiKey.Metadata, 6, KafkaRequests.Metadata("fuzz"), false),
            (ApiKey.Produce, 3, KafkaRequests.Produce("fuzz", 0, batch), false),
            (ApiKey.Produce, 7, KafkaRequests.Produce("fuzz", 1, batch), false),
            (ApiKey.Fetch, 4, KafkaRequests.Fetch("fuzz", 0, 0), false),
            (ApiKey.Fetch, 11, KafkaRequests.Fetch("fuzz", 1, 0, maxWaitMs: 50), false),
            (ApiKey.ListOffsets, 0, KafkaRequests.ListOffsets("fuzz", 0, -1), false),
            (ApiKey.ListOffsets, 3, KafkaRequests.ListOffsets("fuzz", 0, 1000), false),
            (ApiKey.FindCoordinator, 2, KafkaRequests.FindCoordinator("fuzz-group"), false),
            (ApiKey.JoinGroup, 5, KafkaRequests.JoinGroup("fuzz-group"), false),
            (ApiKey.Heartbeat, 3, KafkaRequests.Heartbeat("fuzz-group", 1, "nobody"), false),
            (ApiKey.OffsetCommit, 2, KafkaRequests.OffsetCommit("fuzz-group", "fuzz", 0, 1), false),
            (ApiKey.OffsetFetch, 5, KafkaRequests.OffsetFetch("fuzz-group", "fuzz", 0), false),
            (ApiKey.DescribeGroups, 4, KafkaRequests.DescribeGroups("fuzz-group"), false),
            (ApiKey.ListGroups, 2, KafkaRequests.Empty(), false),
            (ApiKey.InitProducerId, 1, KafkaRequests.InitProducerId(), false),
            (ApiKey.DescribeConfigs, 2, KafkaRequests.DescribeConfigs("fuzz"), false),
        };
        return [.. seeds.Select(s => Frame(s.Key, s.Version, s.Body, s.Flexible))];
    }

    private static byte[] Frame(ApiKey key, short version, Action<KafkaWriter> body, bool flexible)
    {
        using var writer = new KafkaWriter();
        var sizeAt = writer.ReserveInt32();
        writer.WriteInt16((short)key);
        writer.WriteInt16(version);
        writer.WriteInt32(1);
        writer.WriteNullableString("fuzz");
        if (flexible)
        {
            writer.WriteUnsignedVarInt(0);
        }
        writer.Flexible = flexible;
        writer.Version = version;
        body(writer);
        writer.PatchInt32(sizeAt, writer.Length - 4);
        return writer.WrittenMemory.ToArray();
    }

    private async Task ProduceAndConsumeNormallyAsync()
    {
        var topic = $"after-fuzz-{Guid.NewGuid():N}";
        _broker.Broker.State.Topics.Create(topic, 1, new Dictionary<string, string?>(), validateOnly: false);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers, EnableIdempotence = true }).Build())
        {
            for (var i = 0; i < 100; i++)
            {
                await producer.ProduceAsync(topic, new Message<Null, string> { Value = $"ok-{i}" }).DefaultTimeout();
            }
        }
        using var consumer = new ConsumerBuilder<Null, string>(new ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = topic, AutoOffsetReset = AutoOffsetReset.Earliest }).Build();
        consumer.Subscribe(topic);
        var values = new List<string>();
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (values.Count < 100 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(100) is { } result)
            {
                values.Add(result.Message.Value);
            }
        }
        consumer.Close();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"ok-{i}"), values);
    }

    private void AssertEveryLogReadsBackWhole()
    {
        foreach (var topic in _broker.Broker.State.Topics.Topics)
        {
            foreach (var log in topic.Partitions)
            {
                var next = log.LogStartOffset;
                while (next < log.LogEndOffset)
                {
                    using var writer = new KafkaWriter();
                    var (error, bytes) = log.Read(next, 1 << 20, atLeastOneBatch: true, writer);
                    Assert.Equal(SensorStream.EmbeddedBroker.Protocol.ErrorCode.None, error);
                    var data = writer.WrittenMemory;
                    for (var at = 0; at < bytes;)
                    {
                        var header = SensorStream.EmbeddedBroker.Storage.RecordBatchHeader.Read(data.Span[at..]);
                        Assert.True(SensorStream.EmbeddedBroker.Storage.RecordBatchValidator.Validate(data.Span.Slice(at, header.TotalSize), int.MaxValue).IsValid);
                        Assert.Equal(next, header.BaseOffset);
                        next = header.LastOffset + 1;
                        at += header.TotalSize;
                    }
                }
            }
        }
    }
}
