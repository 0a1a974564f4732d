using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// Idempotent-producer bookkeeping for one partition, as in Kafka's <c>ProducerStateManager</c>: per producer
/// id the epoch and the last five batches (Kafka's in-flight limit), so a retried batch is recognised and
/// answered with its original offset, and a gap in sequence numbers is refused.
/// Not thread-safe: the owning <see cref="PartitionLog"/> calls it under its append lock.
/// </summary>
internal sealed class ProducerStateTable
{
    /// <summary>How many recent batches per producer are remembered for duplicate detection (Kafka: 5).</summary>
    public const int RetainedBatches = 5;

    private readonly Dictionary<long, ProducerEntry> _producers = [];

    public int Count => _producers.Count;

    /// <summary>Decides what to do with a batch about to be appended.</summary>
    public SequenceCheck Check(in RecordBatchHeader batch)
    {
        if (!batch.HasProducerId)
        {
            return SequenceCheck.Accept;
        }
        if (!_producers.TryGetValue(batch.ProducerId, out var entry))
        {
            // A producer we have no state for must start at sequence 0 (Kafka answers UNKNOWN_PRODUCER_ID otherwise).
            return batch.BaseSequence == 0 ? SequenceCheck.Accept : SequenceCheck.Reject(ErrorCode.UnknownProducerId);
        }
        if (batch.ProducerEpoch < entry.Epoch)
        {
            return SequenceCheck.Reject(ErrorCode.InvalidProducerEpoch);
        }
        if (batch.ProducerEpoch > entry.Epoch)
        {
            return batch.BaseSequence == 0 ? SequenceCheck.Accept : SequenceCheck.Reject(ErrorCode.OutOfOrderSequenceNumber);
        }
        foreach (var recent in entry.Recent)
        {
            if (recent.FirstSequence == batch.BaseSequence && recent.LastSequence == batch.LastSequence)
            {
                return SequenceCheck.Duplicate(recent.FirstOffset);
            }
        }
        var expected = entry.LastSequence == int.MaxValue ? 0 : entry.LastSequence + 1;
        return batch.BaseSequence == expected ? SequenceCheck.Accept : SequenceCheck.Reject(ErrorCode.OutOfOrderSequenceNumber);
    }

    /// <summary>Records a batch that was appended at <paramref name="firstOffset"/> (also used when rebuilding from the log).</summary>
    public void Record(in RecordBatchHeader batch, long firstOffset)
    {
        if (!batch.HasProducerId)
        {
            return;
        }
        if (!_producers.TryGetValue(batch.ProducerId, out var entry) || batch.ProducerEpoch != entry.Epoch)
        {
            entry = new ProducerEntry(batch.ProducerEpoch);
            _producers[batch.ProducerId] = entry;
        }
        entry.Recent.Enqueue(new BatchSequence(batch.BaseSequence, batch.LastSequence, firstOffset));
        if (entry.Recent.Count > RetainedBatches)
        {
            entry.Recent.Dequeue();
        }
        entry.LastSequence = batch.LastSequence;
        entry.LastTimestamp = batch.MaxTimestamp;
    }

    /// <summary>Forgets producers whose last batch is older than <paramref name="cutoffTimestamp"/> (ms since epoch).</summary>
    public void ExpireOlderThan(long cutoffTimestamp)
    {
        foreach (var (id, entry) in _producers.ToArray())
        {
            if (entry.LastTimestamp < cutoffTimestamp)
            {
                _producers.Remove(id);
            }
        }
    }

    /// <summary>
    /// Saves the table (taken when a segment rolls, so a restart only replays the active segment). Layout
    /// (little-endian): count, then per producer its id, epoch, last sequence, last timestamp and recent
    /// batches, then a CRC-32C of everything before it.
    /// </summary>
    public void Save(string path)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(_producers.Count);
            foreach (var (id, entry) in _producers)
            {
                writer.Write(id);
                writer.Write(entry.Epoch);
                writer.Write(entry.LastSequence);
                writer.Write(entry.LastTimestamp);
                writer.Write(entry.Recent.Count);
                foreach (var recent in entry.Recent)
                {
                    writer.Write(recent.FirstSequence);
                    writer.Write(recent.LastSequence);
                    writer.Write(recent.FirstOffset);
                }
            }
            writer.Write(Crc32C.Compute(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        }
        DurableFile.WriteAllBytes(path, stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    /// <summary>Loads a snapshot written by <see cref="Save"/>; null when missing or damaged.</summary>
    public static ProducerStateTable? TryLoad(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4)) != BitConverter.ToUInt32(bytes, bytes.Length - 4))
        {
            return null;
        }
        var table = new ProducerStateTable();
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 4));
        try
        {
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var id = reader.ReadInt64();
                var entry = new ProducerEntry(reader.ReadInt16()) { LastSequence = reader.ReadInt32(), LastTimestamp = reader.ReadInt64() };
                var recentCount = reader.ReadInt32();
                for (var r = 0; r < recentCount; r++)
                {
                    entry.Recent.Enqueue(new BatchSequence(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt64()));
                }
                table._producers[id] = entry;
            }
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        return table;
    }

    private sealed class ProducerEntry(short epoch)
    {
        public short Epoch { get; } = epoch;

        public int LastSequence { get; set; } = -1;

        public long LastTimestamp { get; set; }

        public Queue<BatchSequence> Recent { get; } = new(RetainedBatches + 1);
    }

    private readonly record struct BatchSequence(int FirstSequence, int LastSequence, long FirstOffset);
}
