namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>
/// Fetch response. The record batches were already read from the logs into <see cref="RecordData"/>; each
/// partition points at its slice, so writing the response is one copy per partition. Disposing releases the buffer.
/// </summary>
internal sealed class FetchResponse(IReadOnlyList<FetchResponse.TopicResult> topics, KafkaWriter recordData) : IResponse, IDisposable
{
    public IReadOnlyList<TopicResult> Topics { get; } = topics;

    public KafkaWriter RecordData { get; } = recordData;

    public void Write(KafkaWriter writer)
    {
        var version = writer.Version;
        writer.WriteInt32(0); // throttle_time_ms
        if (version >= 7)
        {
            writer.WriteError(ErrorCode.None);
            writer.WriteInt32(0); // session_id: no fetch sessions
        }
        var records = RecordData.WrittenMemory;
        writer.WriteArray(Topics, (w, t) =>
        {
            w.WriteString(t.Name);
            w.WriteArray(t.Partitions, (pw, p) =>
            {
                pw.WriteInt32(p.Index);
                pw.WriteError(p.Error);
                pw.WriteInt64(p.HighWatermark);
                pw.WriteInt64(p.HighWatermark); // last_stable_offset: no transactions, so the high watermark
                if (version >= 5)
                {
                    pw.WriteInt64(p.LogStartOffset);
                }
                pw.WriteArrayLength(0); // aborted_transactions
                if (version >= 11)
                {
                    pw.WriteInt32(-1); // preferred_read_replica: read from the leader
                }
                pw.WriteBytes(records.Span.Slice(p.RecordsStart, p.RecordsLength));
            });
        });
    }

    public void Dispose() => RecordData.Dispose();

    internal sealed record TopicResult(string Name, IReadOnlyList<PartitionResult> Partitions);

    /// <summary>One partition's answer; its batches are <see cref="RecordData"/>[start, start + length).</summary>
    internal sealed record PartitionResult(int Index, ErrorCode Error, long HighWatermark, long LogStartOffset, int RecordsStart, int RecordsLength);
}
