using System.Text.Json;
using Confluent.Kafka;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.WireFormat;
using SensorStream.EmbeddedBroker.SchemaRegistry;

namespace SensorStream.Benchmarks;

/// <summary>
/// Encode and decode cost per event type through the Confluent wire-format serializers (schema id cached, as in steady
/// state), against System.Text.Json on the same records as the baseline: the serialization a team would reach for without
/// Avro, with its metadata cached after the first call.
/// </summary>
public sealed class AvroBenchmark : IBenchmark
{
    private static readonly JsonSerializerOptions Json = new();
    private static object? _sink;

    public string Name => "avro";

    public string Description =>
        "Avro encode/decode per event (Confluent wire format, cached schema id) vs System.Text.Json of the same record; ns/op and allocated bytes/op";

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("sensorstream-bench-registry-").FullName;
        try
        {
            using var store = new SchemaRegistryStore(directory);
            var registry = new LocalSchemaRegistryClient(store);
            var rows = new List<IReadOnlyList<object>>
            {
                Measure(registry, nameof(VibrationBlock), AvroSampleEvents.Vibration),
                Measure(registry, nameof(EnvironmentReading), AvroSampleEvents.Environment),
                Measure(registry, nameof(TripRecord), AvroSampleEvents.Trip),
                Measure(registry, nameof(WindowAggregate), AvroSampleEvents.Window),
                Measure(registry, nameof(StatusChange), AvroSampleEvents.Status),
                Measure(registry, nameof(VibrationDiagnosis), AvroSampleEvents.Diagnosis),
                Measure(registry, nameof(Anomaly), AvroSampleEvents.Anomaly),
                Measure(registry, nameof(DeadLetter), AvroSampleEvents.DeadLetter),
                Measure(registry, nameof(ThresholdConfig), AvroSampleEvents.Threshold),
            };
            var environment = rows[1];
            var resolved = MeasureResolvedDecode(registry);
            var (json, md) = BenchmarkResults.Write(Name, Description,
                ["event", "avro_bytes", "encode_ns", "encode_alloc_bytes", "decode_ns", "decode_alloc_bytes",
                 "json_bytes", "json_encode_ns", "json_encode_alloc_bytes", "json_decode_ns", "json_decode_alloc_bytes", "encode_vs_json", "decode_vs_json"],
                rows,
                [
                    "encode = AvroSerializer<T>.Serialize with the schema id cached: 5-byte header + Avro body into a reused per-thread buffer, then the returned byte[] (its size is the only allocation)",
                    "decode = AvroDeserializer<T>.Deserialize with the writer schema cached and equal to the reader's: header check, Avro body, the record and its strings/arrays",
                    "baseline = System.Text.Json JsonSerializer.SerializeToUtf8Bytes / Deserialize<T> on the same record, default options, reflection metadata cached after warm-up",
                    "encode_vs_json and decode_vs_json are Avro time / JSON time (below 1 is faster than the baseline)",
                    $"target: EnvironmentReading encode <= 300 ns (measured {environment[2]:F0}), decode <= 400 ns (measured {environment[4]:F0}), no allocation per encode beyond the output buffer ({environment[3]:F0} bytes allocated for a {environment[1]}-byte message)",
                    $"decode of an EnvironmentReading written with a newer schema (v2 adds an optional field) through the cached resolving decoder: {resolved.NanosecondsPerOp:F0} ns, {resolved.BytesPerOp:F0} bytes/op (rewrite into a pooled buffer, then the same decoder)",
                    "median of 5 runs of ~0.3 s each after 0.5 s warm-up, one thread, on a 2-core machine shared with other work",
                ]);
            Console.WriteLine($"wrote {json} and {md}");
            Console.WriteLine(File.ReadAllText(md));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        return Task.CompletedTask;
    }

    private static IReadOnlyList<object> Measure<T>(LocalSchemaRegistryClient registry, string name, T value)
        where T : class, IAvroEvent<T>
    {
        var context = new SerializationContext(MessageComponentType.Value, $"bench.{name}");
        var serializer = new AvroSerializer<T>(registry);
        var deserializer = new AvroDeserializer<T>(registry);
        var bytes = serializer.Serialize(value, context);
        if (!Equivalent(deserializer.Deserialize(bytes, false, context), value))
        {
            throw new InvalidOperationException($"{name} did not round-trip");
        }
        var jsonBytes = JsonSerializer.SerializeToUtf8Bytes(value, Json);
        var runTime = TimeSpan.FromSeconds(0.3);

        var encode = Measurement.Run(() => _sink = serializer.Serialize(value, context), runTime);
        var decode = Measurement.Run(() => _sink = deserializer.Deserialize(bytes, false, context), runTime);
        var jsonEncode = Measurement.Run(() => _sink = JsonSerializer.SerializeToUtf8Bytes(value, Json), runTime);
        var jsonDecode = Measurement.Run(() => _sink = JsonSerializer.Deserialize<T>(jsonBytes, Json), runTime);
        GC.KeepAlive(_sink);
        Console.WriteLine($"  {name,-20} encode {encode.NanosecondsPerOp,8:F1} ns  decode {decode.NanosecondsPerOp,8:F1} ns  json {jsonEncode.NanosecondsPerOp,8:F1}/{jsonDecode.NanosecondsPerOp,8:F1} ns");
        return
        [
            name, bytes.Length,
            Math.Round(encode.NanosecondsPerOp, 1), Math.Round(encode.BytesPerOp), Math.Round(decode.NanosecondsPerOp, 1), Math.Round(decode.BytesPerOp),
            jsonBytes.Length,
            Math.Round(jsonEncode.NanosecondsPerOp, 1), Math.Round(jsonEncode.BytesPerOp), Math.Round(jsonDecode.NanosecondsPerOp, 1), Math.Round(jsonDecode.BytesPerOp),
            Math.Round(encode.NanosecondsPerOp / jsonEncode.NanosecondsPerOp, 3), Math.Round(decode.NanosecondsPerOp / jsonDecode.NanosecondsPerOp, 3),
        ];
    }

    private static (double NanosecondsPerOp, double BytesPerOp) MeasureResolvedDecode(LocalSchemaRegistryClient registry)
    {
        const string topic = "bench.resolved";
        var context = new SerializationContext(MessageComponentType.Value, topic);
        var v2Text = EnvironmentReading.Schema.ToJson().Replace("]}",
            ",{\"name\":\"battery_pct\",\"type\":[\"null\",\"double\"],\"default\":null}]}", StringComparison.Ordinal);
        registry.RegisterSchemaAsync(Topics.ValueSubject(topic), EnvironmentReading.Schema.ToJson()).GetAwaiter().GetResult();
        var v2Id = registry.RegisterSchemaAsync(Topics.ValueSubject(topic), v2Text).GetAwaiter().GetResult();
        // v2 bytes = v1 bytes + the null branch of the new optional field.
        var v1Bytes = new AvroSerializer<EnvironmentReading>(registry).Encode(v2Id, AvroSampleEvents.Environment);
        byte[] v2Bytes = [.. v1Bytes, 0];
        var deserializer = new AvroDeserializer<EnvironmentReading>(registry);
        if (deserializer.Deserialize(v2Bytes, false, context) != AvroSampleEvents.Environment)
        {
            throw new InvalidOperationException("resolved EnvironmentReading did not round-trip");
        }
        return Measurement.Run(() => _sink = deserializer.Deserialize(v2Bytes, false, context), TimeSpan.FromSeconds(0.3));
    }

    // Records holding arrays compare by reference, so compare what was encoded instead.
    private static bool Equivalent<T>(T decoded, T original)
        where T : class, IAvroEvent<T>
    {
        var a = new SensorStream.Contracts.Avro.Binary.AvroWriter(1024);
        var b = new SensorStream.Contracts.Avro.Binary.AvroWriter(1024);
        try
        {
            T.Encode(ref a, decoded);
            T.Encode(ref b, original);
            return a.WrittenSpan.SequenceEqual(b.WrittenSpan);
        }
        finally
        {
            a.Dispose();
            b.Dispose();
        }
    }
}
