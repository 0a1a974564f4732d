using System.Buffers.Binary;
using Confluent.Kafka;
using SensorStream.Contracts;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Schemas;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Contracts.WireFormat;
using SensorStream.Tests.Contracts.Events;
using SensorStream.Tests.SchemaRegistry;

namespace SensorStream.Tests.Contracts.WireFormat;

/// <summary>The Confluent wire-format serializer and deserializer, against the embedded registry over HTTP.</summary>
public sealed class WireFormatSerdeTests(RegistryServerFixture fixture) : IClassFixture<RegistryServerFixture>, IDisposable
{
    private readonly SchemaRegistryClient _registry = new(new SchemaRegistryClientOptions { Url = fixture.Server.Url, RequestTimeout = TimeSpan.FromSeconds(10) });

    public void Dispose() => _registry.Dispose();

    private static SerializationContext Value(string topic) => new(MessageComponentType.Value, topic);

    private static string NewTopic() => $"t{Guid.NewGuid():N}";

    private static EnvironmentReading Reading(int i = 0) =>
        new($"s{i}", "L1", new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).AddTicks(i * 10), 21.5 + i, 40, i % 2 == 0 ? null : 20.9);

    [Fact]
    public async Task Serialize_WritesMagicByteAndTheIdRegisteredUnderTopicValue()
    {
        var topic = NewTopic();
        var serializer = new AvroSerializer<EnvironmentReading>(_registry);

        var bytes = await serializer.SerializeAsync(Reading(), Value(topic));

        var latest = await _registry.GetLatestSchemaAsync(Topics.ValueSubject(topic), TestContext.Current.CancellationToken);
        Assert.Equal(0, bytes[0]);
        Assert.Equal(latest.Id, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
        Assert.Equal(EnvironmentReading.Schema.CanonicalForm, AvroSchema.Parse(latest.Schema).CanonicalForm);
    }

    [Fact]
    public async Task Key_IsRegisteredUnderTopicKey()
    {
        var topic = NewTopic();
        var serializer = new AvroSerializer<ThresholdConfig>(_registry);

        await serializer.SerializeAsync(new ThresholdConfig("env", "t", "degC", 1, 2, null, null, DateTimeOffset.UnixEpoch), new SerializationContext(MessageComponentType.Key, topic));

        Assert.Equal([1], await _registry.GetVersionsAsync(Topics.KeySubject(topic), TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(EventCodecTests.EventTypes), MemberType = typeof(EventCodecTests))]
    public void EveryEventType_RoundTripsThroughSyncSerializerAndDeserializer(string type)
    {
        EventCodecTests.Dispatch(type, new SerdeRoundTrip(_registry));
    }

    [Fact]
    public async Task IdsAndWriterSchemas_AreFetchedOncePerSubjectAndId()
    {
        var topic = NewTopic();
        var counting = new CountingRegistryClient(_registry);
        var serializer = new AvroSerializer<EnvironmentReading>(counting);
        var deserializer = new AvroDeserializer<EnvironmentReading>(counting);

        for (var i = 0; i < 50; i++)
        {
            var bytes = await serializer.SerializeAsync(Reading(i), Value(topic));
            Assert.Equal(Reading(i), await deserializer.DeserializeAsync(bytes, false, Value(topic)));
        }

        Assert.Equal(2, counting.Calls);
    }

    [Fact]
    public void Null_IsATombstoneBothWays()
    {
        var serializer = new AvroSerializer<EnvironmentReading>(_registry);
        var deserializer = new AvroDeserializer<EnvironmentReading>(_registry);

        Assert.Null(serializer.Serialize(null!, Value(NewTopic())));
        Assert.Null(deserializer.Deserialize(ReadOnlySpan<byte>.Empty, isNull: true, Value(NewTopic())));
    }

    [Fact]
    public async Task AutoRegisterOff_UnregisteredSchema_FailsWithSubjectNotFound()
    {
        var serializer = new AvroSerializer<EnvironmentReading>(_registry, new AvroSerializerConfig { AutoRegisterSchemas = false });

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => serializer.SerializeAsync(Reading(), Value(NewTopic())));

        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task AutoRegisterOff_RegisteredSchema_IsLookedUp()
    {
        var topic = NewTopic();
        var id = await _registry.RegisterSchemaAsync(Topics.ValueSubject(topic), EnvironmentReading.Schema.ToJson(), TestContext.Current.CancellationToken);
        var serializer = new AvroSerializer<EnvironmentReading>(_registry, new AvroSerializerConfig { AutoRegisterSchemas = false });

        var bytes = await serializer.SerializeAsync(Reading(), Value(topic));

        Assert.Equal(id, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
    }

    [Theory]
    [InlineData("", AvroDecodeError.Truncated)]
    [InlineData("00000001", AvroDecodeError.Truncated)]
    [InlineData("01000000010000", AvroDecodeError.WrongMagicByte)]
    [InlineData("7b2273656e736f72223a317d", AvroDecodeError.WrongMagicByte)]
    [InlineData("007ffffff00000", AvroDecodeError.UnknownSchemaId)]
    public void Deserialize_BadHeader_ThrowsWithTheReason(string hex, AvroDecodeError reason)
    {
        var deserializer = new AvroDeserializer<EnvironmentReading>(_registry);

        var error = Assert.Throws<AvroDecodeException>(() => deserializer.Deserialize(Convert.FromHexString(hex), false, Value(NewTopic())));

        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public async Task Deserialize_DamagedBody_ThrowsTruncatedOrTrailingBytes()
    {
        var topic = NewTopic();
        var bytes = await new AvroSerializer<EnvironmentReading>(_registry).SerializeAsync(Reading(1), Value(topic));
        var deserializer = new AvroDeserializer<EnvironmentReading>(_registry);

        var truncated = Assert.Throws<AvroDecodeException>(() => deserializer.Deserialize(bytes.AsSpan(0, bytes.Length - 3), false, Value(topic)));
        var trailing = Assert.Throws<AvroDecodeException>(() => deserializer.Deserialize([.. bytes, 0], false, Value(topic)));

        Assert.Equal(AvroDecodeError.Truncated, truncated.Reason);
        Assert.Equal(AvroDecodeError.TrailingBytes, trailing.Reason);
    }

    [Fact]
    public async Task V1Reader_ReadsV2Data_WithAFieldAddedWithDefault()
    {
        var topic = NewTopic();
        var v2 = EnvironmentReadingV2();
        var v1Id = await _registry.RegisterSchemaAsync(Topics.ValueSubject(topic), EnvironmentReading.Schema.ToJson(), TestContext.Current.CancellationToken);
        var v2Id = await _registry.RegisterSchemaAsync(Topics.ValueSubject(topic), v2.ToJson(), TestContext.Current.CancellationToken);
        var record = UpgradeToV2(EventMapper.ToGeneric(Reading(3), (RecordSchema)EnvironmentReading.Schema), v2, battery: 87.5);
        byte[] payload = [0, .. BigEndian(v2Id), .. AvroTestCodec.Encode(v2, record)];

        var read = new AvroDeserializer<EnvironmentReading>(_registry).Deserialize(payload, false, Value(topic));

        Assert.NotEqual(v1Id, v2Id);
        Assert.Equal(Reading(3), read);
    }

    [Fact]
    public async Task V2Reader_ReadsV1Data_FillingTheDefault()
    {
        var topic = NewTopic();
        var bytes = await new AvroSerializer<EnvironmentReading>(_registry).SerializeAsync(Reading(4), Value(topic));
        var writerId = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1));
        var writer = AvroSchema.Parse(await _registry.GetSchemaAsync(writerId, TestContext.Current.CancellationToken));

        var read = (GenericRecord)new SensorStream.Contracts.Avro.Resolution.ResolvingDecoder(writer, EnvironmentReadingV2()).ReadGeneric(bytes.AsSpan(5))!;

        Assert.Null(read["battery_pct"]);
        Assert.Equal("s4", read["sensor_id"]);
    }

    [Fact]
    public async Task IncompatibleChange_IsRefusedWith409UnderBackward_AndTheSerializerSurfacesIt()
    {
        var topic = NewTopic();
        await _registry.RegisterSchemaAsync(Topics.ValueSubject(topic), EnvironmentReading.Schema.ToJson(), TestContext.Current.CancellationToken);
        var incompatible = EnvironmentReading.Schema.ToJson().Replace("\"name\":\"loc_id\",\"type\":\"string\"", "\"name\":\"loc_id\",\"type\":\"long\"", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => _registry.RegisterSchemaAsync(Topics.ValueSubject(topic), incompatible, TestContext.Current.CancellationToken));

        Assert.Equal((409, 409), (error.HttpStatus, error.ErrorCode));
        Assert.Equal(CompatibilityLevel.Backward, await _registry.GetCompatibilityAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Serialize_WithACachedId_AllocatesOnlyTheOutputArray()
    {
        var serializer = new AvroSerializer<EnvironmentReading>(_registry);
        var reading = Reading(5);
        var context = Value(NewTopic());
        var size = serializer.Serialize(reading, context).Length;
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 1000; i++)
        {
            serializer.Serialize(reading, context);
        }

        var perEncode = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;
        var arrayBytes = 24 + ((size + 7) / 8 * 8);
        Assert.True(perEncode <= arrayBytes, $"{perEncode} bytes per encode, the {size}-byte output array alone is {arrayBytes}");
    }

    [Theory]
    [MemberData(nameof(EventCodecTests.EventTypes), MemberType = typeof(EventCodecTests))]
    public void Serialize_EveryEventType_AllocatesOnlyTheOutputArray(string type)
    {
        EventCodecTests.Dispatch(type, new AllocationCheck(_registry));
    }

    internal static AvroSchema EnvironmentReadingV2() => AvroSchema.Parse(EnvironmentReading.Schema.ToJson().Replace(
        "]}",
        ",{\"name\":\"battery_pct\",\"type\":[\"null\",\"double\"],\"default\":null,\"doc\":\"Battery charge in percent, null when mains powered.\"}]}",
        StringComparison.Ordinal));

    private static GenericRecord UpgradeToV2(GenericRecord v1, AvroSchema v2, double battery)
    {
        var record = new GenericRecord((RecordSchema)v2);
        foreach (var field in v1.Schema.Fields)
        {
            record[field.Name] = v1[field.Position];
        }
        record["battery_pct"] = battery;
        return record;
    }

    private static byte[] BigEndian(int id)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, id);
        return bytes;
    }

    private sealed class AllocationCheck(ISchemaRegistryClient registry) : EventCodecTests.IEventCheck
    {
        public void Run<T>()
            where T : class, IAvroEvent<T>
        {
            var serializer = new AvroSerializer<T>(registry);
            var context = Value(NewTopic());
            foreach (var (_, evt) in EventCodecTests.RandomEvents<T>(5, 3))
            {
                var size = serializer.Serialize(evt, context).Length;
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < 100; i++)
                {
                    serializer.Serialize(evt, context);
                }
                var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100.0;
                var arrayBytes = 24 + ((size + 7) / 8 * 8);
                Assert.True(perCall <= arrayBytes, $"{typeof(T).Name}: {perCall} bytes per serialize, the {size}-byte output array alone is {arrayBytes}");
            }
        }
    }

    private sealed class SerdeRoundTrip(ISchemaRegistryClient registry) : EventCodecTests.IEventCheck
    {
        public void Run<T>()
            where T : class, IAvroEvent<T>
        {
            var topic = NewTopic();
            var serializer = new AvroSerializer<T>(registry);
            var deserializer = new AvroDeserializer<T>(registry);
            foreach (var (value, evt) in EventCodecTests.RandomEvents<T>(11, 20))
            {
                var bytes = serializer.Serialize(evt, Value(topic));
                var back = deserializer.Deserialize(bytes, false, Value(topic));
                Assert.True(GenericDatum.DeepEquals(value, EventMapper.ToGeneric(back, (RecordSchema)T.Schema)), $"{typeof(T).Name} did not round-trip");
            }
        }
    }
}
