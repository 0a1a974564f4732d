namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>ListOffsets response: per partition the offset found (and its timestamp from v1).</summary>
internal sealed record ListOffsetsResponse(IReadOnlyList<ListOffsetsResponse.TopicResult> Topics) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        var version = writer.Version;
        if (version >= 2)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteArray(Topics, (w, t) =>
        {
            w.WriteString(t.Name);
            w.WriteArray(t.Partitions, (pw, p) =>
            {
                pw.WriteInt32(p.Index);
                pw.WriteError(p.Error);
                if (version == 0)
                {
                    pw.WriteArrayLength(p.Offset >= 0 ? 1 : 0);
                    if (p.Offset >= 0)
                    {
                        pw.WriteInt64(p.Offset);
                    }
                }
                else
                {
                    pw.WriteInt64(p.Timestamp);
                    pw.WriteInt64(p.Offset);
                }
            });
        });
    }

    internal sealed record TopicResult(string Name, IReadOnlyList<PartitionResult> Partitions);

    internal sealed record PartitionResult(int Index, ErrorCode Error, long Timestamp, long Offset);
}
