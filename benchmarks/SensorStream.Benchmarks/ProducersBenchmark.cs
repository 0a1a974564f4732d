using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.Locations;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.EmbeddedBroker;
using SensorStream.Producers.Environment;
using SensorStream.Producers.Import;
using SensorStream.Producers.Publishing;
using SensorStream.Producers.Trips;
using SensorStream.Producers.Vibration;

namespace SensorStream.Benchmarks;

/// <summary>
/// Producer throughput into the embedded broker: each simulator at full speed, and the import of a 1.5 M-row legacy
/// vibration CSV (the legacy system needed 8 hours for it). Baseline in the same run: raw Confluent.Kafka produce of
/// pre-encoded messages of the same size and keys (no simulation, no Avro, no CSV).
/// </summary>
public sealed class ProducersBenchmark : IBenchmark
{
    private const int ImportRows = 1_500_000;

    public string Name => "producers";

    public string Description => "Simulators at full speed and the 1.5 M-row vibration CSV import into the embedded broker, vs raw Confluent.Kafka produce of the same bytes";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"producers-bench-{Guid.NewGuid():N}");
        var rows = new List<IReadOnlyList<object>>();
        try
        {
            await using var broker = await EmbeddedKafkaBroker.StartAsync(new BrokerOptions { Port = 0, HttpPort = 0, DataDir = dataDir }, cancellationToken: cancellationToken);
            var kafka = new KafkaOptions { BootstrapServers = broker.BootstrapServers, SchemaRegistryUrl = broker.SchemaRegistryUrl! };
            await TopicBootstrapper.EnsureAsync(kafka, [Topics.SensorsVibration, Topics.SensorsEnvironment, Topics.TripsRecords, Topics.DeadLetters, "raw-baseline"]);
            using var registry = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = kafka.SchemaRegistryUrl });
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

            rows.Add(Simulator("vibration", kafka, registry, Topics.SensorsVibration, new VibrationSimulator(new VibrationSimulationOptions(), 1, start).Events(), 30_000, 256));
            rows.Add(Simulator("environment", kafka, registry, Topics.SensorsEnvironment, new EnvironmentSimulator(new EnvironmentSimulationOptions(), LocationTree.Default, 1, start).Events(), 300_000, 0));
            rows.Add(Simulator("trips", kafka, registry, Topics.TripsRecords, new TripSimulator(new TripSimulationOptions(), 1, DateOnly.FromDateTime(start.UtcDateTime)).Events(), 100_000, 0));
            rows.Add(Import(kafka, registry, dataDir, cancellationToken));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
        var (json, markdown) = BenchmarkResults.Write(Name, Description,
            ["workload", "events", "seconds", "events_per_s", "samples_or_rows_per_s", "mib_per_s", "raw_events_per_s", "ratio_to_raw", "target"],
            rows,
            [
                "events_per_s: produced and acknowledged by the broker (idempotent, lz4, linger 5 ms, batch 10 000), wall clock from the first event to the last acknowledgement",
                "raw: one Confluent.Kafka producer sending byte[] values of the same average size with the same keys, same settings, same broker, same run",
                "vibration events are 256-sample blocks; the import turns 1.5 M rows × 4 condition columns into 23 440 blocks (6 M samples)",
                "the CSV file is generated from the signal model first and is not part of the timed import",
            ]);
        Console.WriteLine($"results: {json}, {markdown}");
    }

    private static List<object> Simulator<T>(string name, KafkaOptions kafka, ISchemaRegistryClient registry, string topic, IEnumerable<OutgoingEvent<T>> feed, int count, int samplesPerEvent)
        where T : class, IAvroEvent<T>
    {
        var events = feed.Take(count).ToList(); // generation is timed below with the publishing
        using var publisher = new EventPublisher<T>(kafka, new PublisherOptions(), registry, topic, NullLogger.Instance);
        publisher.Publish(events[0]);
        publisher.Flush(TimeSpan.FromSeconds(30));
        var stopwatch = Stopwatch.StartNew();
        var generated = feed.Take(count);
        foreach (var outgoing in generated)
        {
            publisher.Publish(outgoing);
        }
        publisher.Flush(TimeSpan.FromMinutes(5));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var bytes = events.Average(e => ((ISerializer<T>)new Contracts.WireFormat.AvroSerializer<T>(registry)).Serialize(e.Value, new SerializationContext(MessageComponentType.Value, topic)).Length);
        var raw = RawProduce(kafka, events.Select(e => e.Key).ToList(), (int)bytes);
        var rate = count / seconds;
        Console.WriteLine($"  {name,-12} {rate,10:F0} events/s ({publisher.Counters.Failed} failed), raw {raw,10:F0}/s");
        return [name, count, seconds, rate, samplesPerEvent > 0 ? rate * samplesPerEvent : 0.0, rate * bytes / (1024 * 1024), raw, rate / raw, name == "environment" ? "≥ 10 000 events/s sustained" : ""];
    }

    private static List<object> Import(KafkaOptions kafka, ISchemaRegistryClient registry, string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, "legacy-1.5M.csv");
        using (var writer = new StreamWriter(path))
        {
            LegacyVibrationCsv.Write(writer, ImportRows, seed: 7);
        }
        using var publisher = new EventPublisher<VibrationBlock>(kafka, new PublisherOptions(), registry, Topics.SensorsVibration, NullLogger.Instance);
        using var deadLetters = new EventPublisher<DeadLetter>(kafka, new PublisherOptions(), registry, Topics.DeadLetters, NullLogger.Instance);
        var mapper = new VibrationCsvMapper("g1", "sensor1", null, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var report = CsvImporter.Run(path, mapper, publisher, deadLetters, strict: false, TextWriter.Null, cancellationToken);
        var blocks = publisher.Counters.Acknowledged;
        var raw = RawProduce(kafka, [.. Enumerable.Range(0, (int)blocks).Select(i => $"g1/sensor1-{i % 4}")], 1068);
        var seconds = report.Elapsed.TotalSeconds;
        Console.WriteLine($"  import       {ImportRows:N0} rows in {seconds:F1} s = {ImportRows / seconds:F0} rows/s, {blocks} blocks, raw {raw:F0} blocks/s");
        return ["import 1.5M-row vibration CSV", blocks, seconds, blocks / seconds, ImportRows / seconds, blocks * 1068.0 / seconds / (1024 * 1024), raw, blocks / seconds / raw, "≤ 10 s (legacy: 8 h)"];
    }

    /// <summary>Raw Confluent.Kafka produce of random bytes of <paramref name="size"/> with the given keys; events/s.</summary>
    private static double RawProduce(KafkaOptions kafka, IReadOnlyList<string> keys, int size)
    {
        var value = new byte[size];
        Random.Shared.NextBytes(value);
        var config = kafka.ProducerConfig();
        config.EnableIdempotence = true;
        config.LingerMs = 5;
        config.BatchNumMessages = 10_000;
        config.CompressionType = CompressionType.Lz4;
        config.QueueBufferingMaxMessages = 500_000;
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        producer.Produce("raw-baseline", new Message<string, byte[]> { Key = keys[0], Value = value });
        producer.Flush(TimeSpan.FromSeconds(30));
        var stopwatch = Stopwatch.StartNew();
        foreach (var key in keys)
        {
            while (true)
            {
                try
                {
                    producer.Produce("raw-baseline", new Message<string, byte[]> { Key = key, Value = value });
                    break;
                }
                catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }
        producer.Flush(TimeSpan.FromMinutes(5));
        return keys.Count / stopwatch.Elapsed.TotalSeconds;
    }
}
