using System.Diagnostics;
using Confluent.Kafka;
using SensorStream.EmbeddedBroker;

namespace SensorStream.Benchmarks;

/// <summary>
/// Embedded-broker throughput through librdkafka (Confluent.Kafka): produce with acks=all and consume from the start,
/// swept over message size and producer batch size (batch size 1 is the naive, unbatched baseline). The raw baseline
/// measured in the same run is a sequential file write and read of the same bytes in the same chunk sizes — the
/// ceiling for any log-structured broker on this disk.
/// </summary>
public sealed class BrokerBenchmark : IBenchmark
{
    private static readonly int[] MessageSizes = [100, 1_000];
    private static readonly int[] BatchSizes = [1, 100, 10_000];
    private const long BytesPerCase = 40L * 1024 * 1024;
    private const int MaxMessagesPerCase = 200_000;

    public string Name => "broker";

    public string Description =>
        "Embedded broker produce (acks=all) and consume throughput via Confluent.Kafka, by message and batch size, vs a raw sequential file write/read of the same bytes";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"broker-bench-{Guid.NewGuid():N}");
        var rows = new List<IReadOnlyList<object>>();
        try
        {
            await using var broker = await EmbeddedKafkaBroker.StartAsync(new BrokerOptions { Port = 0, HttpPort = -1, DataDir = dataDir }, cancellationToken: cancellationToken);
            foreach (var size in MessageSizes)
            {
                foreach (var batch in BatchSizes)
                {
                    var count = (int)Math.Min(MaxMessagesPerCase, BytesPerCase / size);
                    if (batch == 1)
                    {
                        count = Math.Min(count, 20_000); // unbatched is slow; fewer messages give the same rate
                    }
                    var topic = $"bench-{size}-{batch}";
                    var payload = new byte[size];
                    Random.Shared.NextBytes(payload);
                    var produce = Produce(broker.BootstrapServers, topic, payload, count, batch);
                    var consume = Consume(broker.BootstrapServers, topic, count);
                    var (rawWrite, rawRead) = RawFile(dataDir, (long)count * size, Math.Max(size, Math.Min(batch * size, 1 << 20)));
                    var produceMb = count * (double)size / produce.TotalSeconds / (1024 * 1024);
                    var consumeSeconds = (consume.FirstMessage + consume.AfterFirst).TotalSeconds;
                    var consumeMb = count * (double)size / consumeSeconds / (1024 * 1024);
                    Console.WriteLine($"  {size,5} B x batch {batch,6}: produce {count / produce.TotalSeconds,10:F0} msg/s, consume {count / consumeSeconds,10:F0} msg/s (first message after {consume.FirstMessage.TotalMilliseconds:F0} ms)");
                    rows.Add([size, batch, count, count / produce.TotalSeconds, produceMb, consume.FirstMessage.TotalMilliseconds, count / consumeSeconds,
                        (count - 1) / consume.AfterFirst.TotalSeconds, consumeMb, rawWrite, rawRead, produceMb / rawWrite, consumeMb / rawRead]);
                }
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
        var (json, markdown) = BenchmarkResults.Write(Name, Description,
            ["message_bytes", "batch_messages", "messages", "produce_msg_per_s", "produce_mib_per_s", "consume_first_message_ms", "consume_msg_per_s",
                "consume_after_first_msg_per_s", "consume_mib_per_s",
                "raw_write_mib_per_s", "raw_read_mib_per_s", "produce_vs_raw_write", "consume_vs_raw_read"],
            rows,
            [
                "produce: one Confluent.Kafka producer, acks=all, linger.ms=5, batch.num.messages = batch_messages, lz4 off; time to the last delivery report",
                "consume: one consumer assigned every partition from the beginning; consume_msg_per_s and consume_mib_per_s count from Assign to the last message, consume_after_first_msg_per_s from the first message (librdkafka may already hold much of the data by then)",
                "raw: FileStream sequential write (then fsync-free read) of messages × message_bytes in chunks of batch_messages × message_bytes (max 1 MiB)",
                "consume_first_message_ms is mostly librdkafka's own start-up: with debug=fetch its first ListOffsets leaves about 500 ms after Assign, and the broker answers it in under 5 ms",
                "broker and clients share the same 2 cores and one process; fsync policy Interval (the default)",
            ]);
        Console.WriteLine($"results: {json}, {markdown}");
    }

    private static TimeSpan Produce(string bootstrap, string topic, byte[] payload, int count, int batch)
    {
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            LingerMs = batch == 1 ? 0 : 5,
            BatchNumMessages = batch,
            QueueBufferingMaxMessages = 1_000_000,
        }).Build();
        producer.Produce(topic, new Message<Null, byte[]> { Value = payload });
        producer.Flush(TimeSpan.FromSeconds(30)); // topic created and connections warm before timing
        var failed = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 1; i < count; i++)
        {
            producer.Produce(topic, new Message<Null, byte[]> { Value = payload }, r => { if (r.Error.IsError) { Interlocked.Increment(ref failed); } });
        }
        producer.Flush(TimeSpan.FromMinutes(5));
        return failed == 0 ? stopwatch.Elapsed : throw new InvalidOperationException($"{failed} deliveries failed");
    }

    /// <summary>Time to the first message (connection, offset lookup, first fetch) and from there to the last message.</summary>
    private static (TimeSpan FirstMessage, TimeSpan AfterFirst) Consume(string bootstrap, string topic, int count)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = topic, EnableAutoCommit = false }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions
            .Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)).ToList();
        var setup = Stopwatch.StartNew();
        consumer.Assign(partitions);
        if (consumer.Consume(TimeSpan.FromSeconds(30)) is null)
        {
            throw new InvalidOperationException("no message arrived");
        }
        var firstMessage = setup.Elapsed;
        var stopwatch = Stopwatch.StartNew();
        var read = 1;
        while (read < count)
        {
            if (consumer.Consume(TimeSpan.FromSeconds(10)) is null)
            {
                throw new InvalidOperationException($"stalled after {read} of {count} messages");
            }
            read++;
        }
        return (firstMessage, stopwatch.Elapsed);
    }

    private static (double WriteMibPerSecond, double ReadMibPerSecond) RawFile(string directory, long bytes, int chunk)
    {
        var path = Path.Combine(directory, "raw-baseline.bin");
        var buffer = new byte[chunk];
        Random.Shared.NextBytes(buffer);
        var stopwatch = Stopwatch.StartNew();
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            for (long written = 0; written < bytes; written += chunk)
            {
                file.Write(buffer, 0, (int)Math.Min(chunk, bytes - written));
            }
        }
        var write = stopwatch.Elapsed;
        stopwatch.Restart();
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1))
        {
            while (file.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }
        var read = stopwatch.Elapsed;
        File.Delete(path);
        var mib = bytes / (1024.0 * 1024);
        return (mib / write.TotalSeconds, mib / read.TotalSeconds);
    }
}
