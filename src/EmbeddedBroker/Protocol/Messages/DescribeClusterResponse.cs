namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>DescribeCluster response (key 60, v0, flexible): cluster id, controller and brokers. The request is one flag.</summary>
internal sealed record DescribeClusterResponse(string ClusterId, int NodeId, string Host, int Port) : IResponse
{
    /// <summary>Every cluster operation allowed (no ACLs).</summary>
    private const int AllClusterOperations = 0xFFE;

    public void Write(KafkaWriter writer)
    {
        writer.WriteInt32(0); // throttle_time_ms
        writer.WriteError(ErrorCode.None);
        writer.WriteNullableString(null);
        writer.WriteString(ClusterId);
        writer.WriteInt32(NodeId);
        writer.WriteArrayLength(1);
        writer.WriteInt32(NodeId);
        writer.WriteString(Host);
        writer.WriteInt32(Port);
        writer.WriteNullableString(null); // rack
        writer.WriteTaggedFields();
        writer.WriteInt32(AllClusterOperations);
        writer.WriteTaggedFields();
    }
}
