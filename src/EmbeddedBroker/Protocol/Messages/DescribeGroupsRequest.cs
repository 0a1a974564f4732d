namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>DescribeGroups request (key 15), v0–4.</summary>
internal sealed record DescribeGroupsRequest(IReadOnlyList<string> Groups)
{
    public static DescribeGroupsRequest Read(ref KafkaReader reader)
    {
        var groups = reader.ReadArray(static (ref KafkaReader r) => r.ReadString());
        if (reader.Version >= 3)
        {
            reader.ReadBool(); // include_authorized_operations: no ACLs, everything is allowed
        }
        return new DescribeGroupsRequest(groups);
    }
}
