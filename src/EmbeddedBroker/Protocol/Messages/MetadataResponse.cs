namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>Metadata response: this broker, the cluster id and controller, and the requested topics.</summary>
internal sealed record MetadataResponse(
    IReadOnlyList<MetadataResponse.Broker> Brokers,
    string ClusterId,
    int ControllerId,
    IReadOnlyList<MetadataResponse.TopicMetadata> Topics) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        var version = writer.Version;
        if (version >= 3)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteArray(Brokers, (w, b) =>
        {
            w.WriteInt32(b.NodeId);
            w.WriteString(b.Host);
            w.WriteInt32(b.Port);
            if (version >= 1)
            {
                w.WriteNullableString(null); // rack
            }
        });
        if (version >= 2)
        {
            writer.WriteNullableString(ClusterId);
        }
        if (version >= 1)
        {
            writer.WriteInt32(ControllerId);
        }
        writer.WriteArray(Topics, (w, t) =>
        {
            w.WriteError(t.Error);
            w.WriteString(t.Name);
            if (version >= 1)
            {
                w.WriteBool(false); // is_internal
            }
            w.WriteArray(t.Partitions, (pw, p) =>
            {
                pw.WriteError(ErrorCode.None);
                pw.WriteInt32(p);
                pw.WriteInt32(ControllerId); // leader: the only node
                pw.WriteArrayLength(1);
                pw.WriteInt32(ControllerId); // replicas
                pw.WriteArrayLength(1);
                pw.WriteInt32(ControllerId); // in-sync replicas
                if (version >= 5)
                {
                    pw.WriteArrayLength(0); // offline replicas
                }
            });
        });
    }

    internal sealed record Broker(int NodeId, string Host, int Port);

    /// <summary>A topic with its partition indexes, or an error (then no partitions).</summary>
    internal sealed record TopicMetadata(ErrorCode Error, string Name, IReadOnlyList<int> Partitions);
}
