using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Producers.Publishing;
using SensorStream.StreamProcessors;

namespace SensorStream.Benchmarks;

/// <summary>
/// Environment processing throughput on the embedded broker against a consume-only loop over the same topic in the
/// same run (target ≥ 0.7 of it), with 10 000 sensors in a synthetic location tree, and the managed heap as the
/// readings flow (it must level off once the oldest windows are dropped, not grow with the stream).
/// </summary>
public sealed class ProcessorsBenchmark : IBenchmark
{
    private const int Sensors = 10_000;
    private const int ReadingsPerSensor = 360;
    private const int Readings = Sensors * ReadingsPerSensor;
    private static readonly TimeSpan ReadingInterval = TimeSpan.FromSeconds(10); // the environment feed's own interval

    public string Name => "processors";

    public string Description => "Environment windows (and the location rollup) over 3.6 M readings of 10 000 sensors, vs a consume-only Confluent.Kafka loop over the same topic";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), $"processors-bench-{Guid.NewGuid():N}");
        var rows = new List<IReadOnlyList<object>>();
        var heap = new List<string>();
        try
        {
            // Out of process, so the heap figures below are the processors' alone.
            using var broker = await BrokerChildProcess.StartAsync(Path.Combine(root, "broker"));
            var kafka = new KafkaOptions { BootstrapServers = broker.BootstrapServers, SchemaRegistryUrl = broker.SchemaRegistryUrl };
            await TopicBootstrapper.EnsureAsync(kafka, Topics.All);
            var locations = WriteLocations(root);
            Console.WriteLine($"publishing {Readings:N0} readings of {Sensors:N0} sensors…");
            Publish(kafka);

            var consumeOnly = ConsumeOnly(kafka.BootstrapServers);
            rows.Add(["consume-only (Confluent.Kafka, byte[])", Readings, Math.Round(consumeOnly, 2), Math.Round(Readings / consumeOnly), 1.0, "", "baseline"]);
            Console.WriteLine($"consume-only: {Readings / consumeOnly:N0} records/s");

            foreach (var (label, run, sampleHeap) in new[] { ("environment windows", new[] { "environment" }, true), ("environment + location rollup", new[] { "environment", "rollup" }, false) })
            {
                var (seconds, outputs) = await ProcessAsync(kafka, locations, run, sampleHeap ? heap : null, cancellationToken);
                rows.Add([label, Readings, Math.Round(seconds, 2), Math.Round(Readings / seconds), Math.Round(consumeOnly / seconds, 3), outputs, "≥ 0.7"]);
                Console.WriteLine($"{label}: {Readings / seconds:N0} records/s, {consumeOnly / seconds:0.00} of consume-only");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        var (json, markdown) = BenchmarkResults.Write(Name, Description,
            ["workload", "records", "seconds", "records_per_s", "ratio_to_consume_only", "outputs", "target"],
            rows,
            [
                $"{Sensors:N0} sensors (4 factories × 5 buildings × 5 floors × 25 locations × 4 sensors), one reading every {ReadingInterval.TotalSeconds:0} s of event time each, {ReadingsPerSensor} readings per sensor ({ReadingsPerSensor * ReadingInterval.TotalMinutes / 60:0.#} h of event time), 6 partitions",
                "windows: 1 min and 1 h per sensor and metric (temperature, humidity, perceived temperature) with status and EWMA anomalies; the rollup combines them per location, floor, building and factory",
                "seconds: from the first record processed to the last (group joins excluded on both sides); outputs: records the processors produced, acknowledged",
                "the broker runs as a separate process (sensorstream broker) on the same 2 cores; the consume-only loop and the processors share them with it",
                "consume-only: one Confluent.Kafka consumer in its own group reading the same topic from the beginning, byte[] values, nothing else",
                $"managed heap of the benchmark process after a full collection as the environment-only run progressed (1-minute windows are kept 17 min of event time for lateness, so it should level off after ~30 %): {string.Join(", ", heap)}",
            ]);
        Console.WriteLine($"results: {json}, {markdown}");
    }

    /// <summary>A tree of <see cref="Sensors"/> sensors, as a locations CSV the processors load.</summary>
    private static string WriteLocations(string root)
    {
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, "locations.csv");
        var csv = new StringBuilder("factory,building,floor,loc_id,area,sensor_id,sensor_type\n");
        foreach (var sensor in SensorIds())
        {
            var parts = sensor.Split('-');
            csv.Append(CultureInfo.InvariantCulture, $"{parts[0]},{parts[1]},{parts[2]},{string.Join('-', parts[..4])},{parts[4]},{sensor},production\n");
        }
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static IEnumerable<string> SensorIds() =>
        from f in Enumerable.Range(1, 4)
        from b in Enumerable.Range(1, 5)
        from fl in Enumerable.Range(1, 5)
        from l in Enumerable.Range(1, 25)
        from a in Enumerable.Range(1, 4)
        select $"F{f}-F{f}B{b}-F{f}B{b}F{fl}-L{l:00}-A{a}";

    private static void Publish(KafkaOptions kafka)
    {
        var sensors = SensorIds().ToArray();
        var start = new DateTimeOffset(2026, 5, 4, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(17);
        using var registry = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = kafka.SchemaRegistryUrl });
        using var publisher = new EventPublisher<EnvironmentReading>(kafka, new PublisherOptions(), registry, Topics.SensorsEnvironment, NullLogger.Instance);
        for (var step = 0; step < ReadingsPerSensor; step++)
        {
            var time = start + (ReadingInterval * step);
            foreach (var sensor in sensors)
            {
                var temperature = 21 + (random.NextDouble() * 4);
                var reading = new EnvironmentReading(sensor, sensor[..sensor.LastIndexOf('-')], time, temperature, 35 + (random.NextDouble() * 20), temperature - 0.5);
                publisher.Publish(new OutgoingEvent<EnvironmentReading>(sensor, reading, time, []));
            }
        }
        if (publisher.Flush(TimeSpan.FromMinutes(5)) != 0 || publisher.Counters.Failed != 0)
        {
            throw new InvalidOperationException("readings were not all acknowledged");
        }
    }

    /// <summary>Seconds from the first record to the last for a plain consumer group over the topic.</summary>
    private static double ConsumeOnly(string bootstrap)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = "consume-only", AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(Topics.SensorsEnvironment);
        long bytes = 0;
        var read = 0;
        Stopwatch? stopwatch = null;
        while (read < Readings)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException($"stalled after {read} of {Readings} records");
            stopwatch ??= Stopwatch.StartNew();
            bytes += result.Message.Value.Length;
            read++;
        }
        consumer.Close();
        return stopwatch!.Elapsed.TotalSeconds;
    }

    /// <summary>Runs the processors until every reading went through; returns seconds from the first record to the last, and outputs.</summary>
    private static async Task<(double Seconds, long Outputs)> ProcessAsync(KafkaOptions kafka, string locations, string[] run, List<string>? heap, CancellationToken cancellationToken)
    {
        var options = new ProcessingOptions { GroupPrefix = $"bench-{string.Join('-', run)}", LocationsFile = locations, Run = [.. run] };
        using var meter = new Meter($"processors-bench-{Guid.NewGuid()}");
        using var processing = new StreamProcessing(kafka, options, NullLoggerFactory.Instance, meter);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = processing.RunAsync(stop.Token);
        Stopwatch? stopwatch = null;
        var nextHeapSample = Readings / 10;
        while (true)
        {
            var records = processing.CountersOf("environment")?.Records ?? 0;
            if (records > 0)
            {
                stopwatch ??= Stopwatch.StartNew();
            }
            if (heap is not null && records >= nextHeapSample)
            {
                heap.Add($"{records * 100 / Readings}%: {GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024):0} MiB");
                nextHeapSample += Readings / 10;
            }
            if (records >= Readings)
            {
                break;
            }
            if (running.IsCompleted)
            {
                await running; // surfaces the failure
                throw new InvalidOperationException("processing stopped early");
            }
            await Task.Delay(20, cancellationToken);
        }
        var seconds = stopwatch!.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await running;
        var outputs = run.Sum(name => processing.CountersOf(name)?.Outputs ?? 0);
        return (seconds, outputs);
    }
}
