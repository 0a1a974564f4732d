using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.Tests.Infrastructure;

/// <summary>Request bodies written by hand from Kafka's message specs, for raw-protocol and fuzz tests.</summary>
internal static class KafkaRequests
{
    public static Action<KafkaWriter> Metadata(params string[] topics) => w =>
    {
        w.WriteArray(topics, static (aw, t) => aw.WriteString(t));
        if (w.Version >= 4)
        {
            w.WriteBool(true);
        }
    };

    public static Action<KafkaWriter> Produce(string topic, int partition, byte[] records, short acks = -1) => w =>
    {
        w.WriteNullableString(null); // transactional id
        w.WriteInt16(acks);
        w.WriteInt32(5000);
        w.WriteArrayLength(1);
        w.WriteString(topic);
        w.WriteArrayLength(1);
        w.WriteInt32(partition);
        w.WriteBytes(records);
    };

    public static Action<KafkaWriter> Fetch(string topic, int partition, long offset, int maxWaitMs = 0, int minBytes = 1, int maxBytes = 1 << 20) => w =>
    {
        var v = w.Version;
        w.WriteInt32(-1);
        w.WriteInt32(maxWaitMs);
        w.WriteInt32(minBytes);
        w.WriteInt32(maxBytes);
        w.WriteInt8(0);
        if (v >= 7)
        {
            w.WriteInt32(0);
            w.WriteInt32(-1);
        }
        w.WriteArrayLength(1);
        w.WriteString(topic);
        w.WriteArrayLength(1);
        w.WriteInt32(partition);
        if (v >= 9)
        {
            w.WriteInt32(-1);
        }
        w.WriteInt64(offset);
        if (v >= 5)
        {
            w.WriteInt64(-1);
        }
        w.WriteInt32(maxBytes);
        if (v >= 7)
        {
            w.WriteArrayLength(0);
        }
        if (v >= 11)
        {
            w.WriteString(string.Empty);
        }
    };

    public static Action<KafkaWriter> ListOffsets(string topic, int partition, long timestamp) => w =>
    {
        w.WriteInt32(-1);
        if (w.Version >= 2)
        {
            w.WriteInt8(0);
        }
        w.WriteArrayLength(1);
        w.WriteString(topic);
        w.WriteArrayLength(1);
        w.WriteInt32(partition);
        w.WriteInt64(timestamp);
        if (w.Version == 0)
        {
            w.WriteInt32(1);
        }
    };

    public static Action<KafkaWriter> InitProducerId() => w =>
    {
        w.WriteNullableString(null);
        w.WriteInt32(60_000);
    };

    public static Action<KafkaWriter> ApiVersions() => w =>
    {
        if (w.Version >= 3)
        {
            w.WriteString("raw-test");
            w.WriteString("1.0");
            w.WriteTaggedFields();
        }
    };

    public static Action<KafkaWriter> FindCoordinator(string group) => w =>
    {
        w.WriteString(group);
        if (w.Version >= 1)
        {
            w.WriteInt8(0);
        }
    };

    public static Action<KafkaWriter> JoinGroup(string group, string memberId = "") => w =>
    {
        w.WriteString(group);
        w.WriteInt32(10_000);
        if (w.Version >= 1)
        {
            w.WriteInt32(10_000);
        }
        w.WriteString(memberId);
        if (w.Version >= 5)
        {
            w.WriteNullableString(null);
        }
        w.WriteString("consumer");
        w.WriteArrayLength(1);
        w.WriteString("range");
        w.WriteBytes([0, 0, 0, 0, 0, 0, 0, 0]);
    };

    public static Action<KafkaWriter> Heartbeat(string group, int generation, string memberId) => w =>
    {
        w.WriteString(group);
        w.WriteInt32(generation);
        w.WriteString(memberId);
        if (w.Version >= 3)
        {
            w.WriteNullableString(null);
        }
    };

    public static Action<KafkaWriter> OffsetCommit(string group, string topic, int partition, long offset) => w =>
    {
        w.WriteString(group);
        w.WriteInt32(-1);
        w.WriteString(string.Empty);
        w.WriteInt64(-1); // retention (v2)
        w.WriteArrayLength(1);
        w.WriteString(topic);
        w.WriteArrayLength(1);
        w.WriteInt32(partition);
        w.WriteInt64(offset);
        w.WriteNullableString("m");
    };

    public static Action<KafkaWriter> OffsetFetch(string group, string topic, int partition) => w =>
    {
        w.WriteString(group);
        w.WriteArrayLength(1);
        w.WriteString(topic);
        w.WriteArrayLength(1);
        w.WriteInt32(partition);
    };

    public static Action<KafkaWriter> DescribeGroups(params string[] groups) => w => w.WriteArray(groups, static (aw, g) => aw.WriteString(g));

    public static Action<KafkaWriter> DescribeConfigs(string topic) => w =>
    {
        w.WriteArrayLength(1);
        w.WriteInt8(2);
        w.WriteString(topic);
        w.WriteArrayLength(-1);
        if (w.Version >= 1)
        {
            w.WriteBool(false);
        }
    };

    public static Action<KafkaWriter> Empty() => _ => { };
}
