using System.Text.Json.Nodes;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Schemas;
using SensorStream.Contracts.Events;
using SensorStream.Tests.Contracts.Peers;

namespace SensorStream.Tests.Contracts.Events;

/// <summary>
/// The hand-written event codecs against the schema-driven generic codec (same bytes both ways for random events) and
/// against python-avro and avsc reading the .avsc files.
/// </summary>
public sealed class EventCodecTests
{
    private const int EventsPerType = 60;

    public static TheoryData<string> EventTypes() =>
        new("VibrationBlock", "EnvironmentReading", "TripRecord", "WindowAggregate", "StatusChange", "VibrationDiagnosis", "Anomaly", "DeadLetter", "ThresholdConfig");

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void HandWrittenCodec_WritesTheGenericCodecsBytes_AndReadsThemBack(string type)
    {
        Dispatch(type, new SameBytesCheck());
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public async Task Peers_DecodeOurEvents_AndWriteTheSameBytes(string type)
    {
        var check = new PeerCases();
        Dispatch(type, check);
        var schemaJson = JsonNode.Parse(File.ReadAllText(Path.Combine(SensorStream.Tests.Peers.PeerPaths.RepositoryRoot, "schemas", $"{type}.avsc")))!;

        foreach (var peer in new[] { AvroPeer.Python, AvroPeer.Avsc })
        {
            var results = await peer.RunAsync([AvroPeer.Decode(schemaJson, check.Hex), AvroPeer.Encode(schemaJson, check.Tagged)], TestContext.Current.CancellationToken);
            var decoded = results[0]!.AsArray();
            var encoded = results[1]!.AsArray();
            for (var i = 0; i < check.Hex.Count; i++)
            {
                Assert.True(GenericDatum.DeepEquals(check.Values[i], TaggedJson.FromTagged(check.Schema!, decoded[i])),
                    $"{peer.Name} decoded {type} #{i} (seed {type.Length}) as {decoded[i]?.ToJsonString()}, expected {check.Tagged[i]?.ToJsonString()}");
                Assert.True(check.Hex[i] == encoded[i]!.GetValue<string>(), $"{peer.Name} wrote {type} #{i} as {encoded[i]}, we as {check.Hex[i]}");
            }
        }
    }

    [Fact]
    public void EnvironmentReading_KnownValue_HasTheExpectedBytes()
    {
        var reading = new EnvironmentReading("s1", "L7", DateTimeOffset.FromUnixTimeMilliseconds(1), 21.5, 40, null);

        Assert.Equal("04733104" + "4c37" + "d00f" + "0000000000803540" + "0000000000004440" + "00", Convert.ToHexStringLower(Encode(reading)));
    }

    [Fact]
    public void VibrationBlock_WithNaNSamples_WritesCanonicalNaN()
    {
        var block = new VibrationBlock("g1", "sensor1", DateTimeOffset.UnixEpoch, 2560, null, [1f, -float.NaN]);

        var hex = Convert.ToHexStringLower(Encode(block));

        Assert.EndsWith("04" + "0000803f" + "0000c07f" + "00", hex, StringComparison.Ordinal);
    }

    [Fact]
    public void VibrationBlock_NaNInsideALongBlock_IsCanonicalToo()
    {
        var samples = Enumerable.Range(0, 256).Select(i => (float)i).ToArray();
        samples[101] = BitConverter.Int32BitsToSingle(unchecked((int)0xffc00001));
        var block = new VibrationBlock("g1", "sensor1", DateTimeOffset.UnixEpoch, 2560, null, samples);

        var bytes = Encode(block);

        var expected = AvroTestCodec.Encode(VibrationBlock.Schema, EventMapper.ToGeneric(block, (RecordSchema)VibrationBlock.Schema));
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(bytes));
        Assert.Contains("0000c07f", Convert.ToHexStringLower(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void TripRecord_MoneyWithMoreThanTwoDecimals_IsRefused()
    {
        var trip = new TripRecord("T1", Guid.NewGuid(), new DateOnly(2024, 5, 1), null, null, 12.5, null, 10.005m, null, null, "A", "B", DateTimeOffset.UnixEpoch);

        Assert.Throws<AvroEncodeException>(() => Encode(trip));
    }

    [Fact]
    public void StatusChange_UnknownEnumIndexOnTheWire_ThrowsInvalidEnumIndex()
    {
        var bytes = Encode(new StatusChange("e", "environment", "temperature_c", DateTimeOffset.UnixEpoch, null, StatusLevel.Critical, 30, 28));
        // level is right after the four strings/timestamp and the null previous_level branch; find CRITICAL (6) and make it 8.
        var index = Array.LastIndexOf(bytes, (byte)0x06, bytes.Length - 11);
        bytes[index] = 0x08;

        var error = Assert.Throws<AvroDecodeException>(() => Decode<StatusChange>(bytes));

        Assert.Equal(AvroDecodeError.InvalidEnumIndex, error.Reason);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Decode_EveryTruncationOfAnEvent_ThrowsTruncatedOrLength(string type)
    {
        Dispatch(type, new TruncationCheck());
    }

    internal static byte[] Encode<T>(T value)
        where T : IAvroEvent<T>
    {
        var writer = new AvroWriter(256);
        try
        {
            T.Encode(ref writer, value);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    internal static T Decode<T>(byte[] bytes)
        where T : IAvroEvent<T>
    {
        var reader = new AvroReader(bytes);
        var value = T.Decode(ref reader);
        reader.EnsureEnd();
        return value;
    }

    internal static void Dispatch(string type, IEventCheck check)
    {
        switch (type)
        {
            case "VibrationBlock": check.Run<VibrationBlock>(); break;
            case "EnvironmentReading": check.Run<EnvironmentReading>(); break;
            case "TripRecord": check.Run<TripRecord>(); break;
            case "WindowAggregate": check.Run<WindowAggregate>(); break;
            case "StatusChange": check.Run<StatusChange>(); break;
            case "VibrationDiagnosis": check.Run<VibrationDiagnosis>(); break;
            case "Anomaly": check.Run<Anomaly>(); break;
            case "DeadLetter": check.Run<DeadLetter>(); break;
            case "ThresholdConfig": check.Run<ThresholdConfig>(); break;
            default: throw new ArgumentException(type);
        }
    }

    /// <summary>Random generic values of the event's schema, each with the event it maps to.</summary>
    internal static IEnumerable<(GenericRecord Value, T Event)> RandomEvents<T>(int seed, int count)
        where T : IAvroEvent<T>
    {
        var random = new RandomAvro(seed);
        for (var i = 0; i < count; i++)
        {
            var value = (GenericRecord)random.Datum(T.Schema)!;
            yield return (value, EventMapper.FromGeneric<T>(value));
        }
    }

    internal interface IEventCheck
    {
        void Run<T>()
            where T : class, IAvroEvent<T>;
    }

    private sealed class SameBytesCheck : IEventCheck
    {
        public void Run<T>()
            where T : class, IAvroEvent<T>
        {
            var seed = typeof(T).Name.Length;
            var i = 0;
            foreach (var (value, evt) in RandomEvents<T>(seed, EventsPerType))
            {
                var generic = AvroTestCodec.Encode(T.Schema, value);
                var hand = Encode(evt);
                Assert.True(generic.AsSpan().SequenceEqual(hand), $"{typeof(T).Name} #{i} (seed {seed}): generic {Convert.ToHexStringLower(generic)} hand {Convert.ToHexStringLower(hand)}");
                var back = EventMapper.ToGeneric(Decode<T>(hand), (RecordSchema)T.Schema);
                Assert.True(GenericDatum.DeepEquals(value, back), $"{typeof(T).Name} #{i} (seed {seed}) did not round-trip: {value} vs {back}");
                i++;
            }
        }
    }

    private sealed class PeerCases : IEventCheck
    {
        public AvroSchema? Schema { get; private set; }

        public List<object?> Values { get; } = [];

        public List<JsonNode?> Tagged { get; } = [];

        public List<string> Hex { get; } = [];

        public void Run<T>()
            where T : class, IAvroEvent<T>
        {
            Schema = T.Schema;
            foreach (var (value, evt) in RandomEvents<T>(typeof(T).Name.Length + 100, 30))
            {
                Values.Add(value);
                Tagged.Add(TaggedJson.ToTagged(T.Schema, value));
                Hex.Add(Convert.ToHexStringLower(Encode(evt)));
            }
        }
    }

    private sealed class TruncationCheck : IEventCheck
    {
        public void Run<T>()
            where T : class, IAvroEvent<T>
        {
            foreach (var (_, evt) in RandomEvents<T>(7, 5))
            {
                var bytes = Encode(evt);
                for (var length = 0; length < bytes.Length; length++)
                {
                    var error = Assert.Throws<AvroDecodeException>(() => Decode<T>(bytes[..length]));
                    Assert.True(error.Reason is AvroDecodeError.Truncated or AvroDecodeError.OversizedLength or AvroDecodeError.InvalidValue or AvroDecodeError.InvalidUtf8,
                        $"{typeof(T).Name} cut to {length} of {bytes.Length} bytes failed with {error.Reason}");
                }
            }
        }
    }
}
