namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>OffsetFetch response: committed offset per partition, -1 when nothing is committed.</summary>
internal sealed record OffsetFetchResponse(IReadOnlyList<OffsetFetchResponse.TopicResult> Topics, ErrorCode Error) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        var version = writer.Version;
        if (version >= 3)
        {
            writer.WriteInt32(0); // throttle_time_ms
        }
        writer.WriteArray(Topics, (w, t) =>
        {
            w.WriteString(t.Name);
            w.WriteArray(t.Partitions, (pw, p) =>
            {
                pw.WriteInt32(p.Index);
                pw.WriteInt64(p.Offset);
                if (version >= 5)
                {
                    pw.WriteInt32(p.LeaderEpoch);
                }
                pw.WriteNullableString(p.Metadata);
                pw.WriteError(p.Error);
            });
        });
        if (version >= 2)
        {
            writer.WriteError(Error);
        }
    }

    internal sealed record TopicResult(string Name, IReadOnlyList<PartitionResult> Partitions);

    internal sealed record PartitionResult(int Index, long Offset, int LeaderEpoch, string? Metadata, ErrorCode Error);
}
