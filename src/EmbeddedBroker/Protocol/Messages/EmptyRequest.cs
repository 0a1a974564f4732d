namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>A request whose fields the broker does not need: ListGroups v0–2 (no body) and DescribeCluster v0 (one flag).</summary>
internal sealed record EmptyRequest
{
    public static readonly EmptyRequest Instance = new();

    public static EmptyRequest ReadOneFlag(ref KafkaReader reader)
    {
        reader.ReadBool(); // include_cluster_authorized_operations: no ACLs
        reader.SkipTaggedFields();
        return Instance;
    }
}
