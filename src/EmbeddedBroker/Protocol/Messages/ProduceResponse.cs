namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>Produce response: per partition the error, base offset and log start offset.</summary>
internal sealed record ProduceResponse(IReadOnlyList<ProduceResponse.TopicResult> Topics) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        var version = writer.Version;
        writer.WriteArray(Topics, (w, t) =>
        {
            w.WriteString(t.Name);
            w.WriteArray(t.Partitions, (pw, p) =>
            {
                pw.WriteInt32(p.Index);
                pw.WriteError(p.Error);
                pw.WriteInt64(p.BaseOffset);
                if (version >= 2)
                {
                    pw.WriteInt64(-1); // log_append_time_ms: -1 because topics use CreateTime
                }
                if (version >= 5)
                {
                    pw.WriteInt64(p.LogStartOffset);
                }
            });
        });
        writer.WriteInt32(0); // throttle_time_ms, after the topics in every version ≥1
    }

    internal sealed record TopicResult(string Name, IReadOnlyList<PartitionResult> Partitions);

    internal sealed record PartitionResult(int Index, ErrorCode Error, long BaseOffset, long LogStartOffset);
}
