using Npgsql;
using NpgsqlTypes;
using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Writers;

/// <summary>
/// <c>dead_letters</c>, keyed by (source topic, partition, offset, processor): the same record given up on twice by
/// the same consumer group is one row. Headers are kept in order as two parallel arrays.
/// </summary>
internal sealed class DeadLetterWriter() : TableWriter<DeadLetter>("dead_letters",
    "source_topic, source_partition, source_offset, processor, source_timestamp, key, value, header_keys, header_values, error_reason, error_message, failed_at",
    keepsLastPerKey: false)
{
    public override bool CopiesDirectly => true;

    protected override string MergeSql => InsertIgnoringDuplicates("source_topic, source_partition, source_offset, processor");

    protected override void WriteRow(NpgsqlBinaryImporter importer, DeadLetter row)
    {
        importer.Write(row.SourceTopic, NpgsqlDbType.Text);
        importer.Write(row.SourcePartition, NpgsqlDbType.Integer);
        importer.Write(row.SourceOffset, NpgsqlDbType.Bigint);
        importer.Write(row.Processor, NpgsqlDbType.Text);
        importer.WriteUtc(row.SourceTimestamp);
        importer.WriteBytes(row.Key);
        importer.WriteBytes(row.Value);
        var keys = new string[row.Headers.Count];
        var values = new byte[]?[row.Headers.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = row.Headers[i].Key;
            values[i] = row.Headers[i].Value;
        }
        importer.Write(keys, NpgsqlDbType.Array | NpgsqlDbType.Text);
        importer.Write(values, NpgsqlDbType.Array | NpgsqlDbType.Bytea);
        importer.Write(row.ErrorReason, NpgsqlDbType.Text);
        importer.Write(row.ErrorMessage, NpgsqlDbType.Text);
        importer.WriteUtc(row.FailedAt);
    }
}
