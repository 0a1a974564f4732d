namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>OffsetCommit response: an error per partition.</summary>
internal sealed record OffsetCommitResponse(IReadOnlyList<OffsetCommitResponse.TopicResult> Topics) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        if (writer.Version >= 3)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteArray(Topics, static (w, t) =>
        {
            w.WriteString(t.Name);
            w.WriteArray(t.Partitions, static (pw, p) =>
            {
                pw.WriteInt32(p.Index);
                pw.WriteError(p.Error);
            });
        });
    }

    internal sealed record TopicResult(string Name, IReadOnlyList<PartitionResult> Partitions);

    internal sealed record PartitionResult(int Index, ErrorCode Error);
}
