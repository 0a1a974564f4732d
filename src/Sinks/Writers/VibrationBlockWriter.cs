using Npgsql;
using NpgsqlTypes;
using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Writers;

/// <summary>
/// <c>vibration_blocks</c>: one row per block, the samples as <c>real[]</c> (exactly the event's float32 samples, half
/// the size of float8 and copied without converting them). New machines are added to <c>machines</c> in the same
/// transaction; the set of known machines makes that a hash lookup per row.
/// </summary>
internal sealed class VibrationBlockWriter() : TableWriter<VibrationBlock>("vibration_blocks",
    "machine_id, sensor_id, event_time, sample_rate_hz, shaft_speed_rpm, samples", keepsLastPerKey: false)
{
    public override bool CopiesDirectly => true;

    private readonly HashSet<string> _knownMachines = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingMachines = new(StringComparer.Ordinal);

    public override string? PartitionedTable => Table;

    public override DateTime TimeOf(VibrationBlock row) => row.EventTime.UtcDateTime;

    protected override string MergeSql => InsertIgnoringDuplicates("machine_id, sensor_id, event_time");

    /// <summary>Machines already in <c>machines</c> (seeded at start), so their blocks add nothing there.</summary>
    public void KnowMachines(IEnumerable<string> machines) => _knownMachines.UnionWith(machines);

    protected override void WriteRow(NpgsqlBinaryImporter importer, VibrationBlock row)
    {
        importer.Write(row.MachineId, NpgsqlDbType.Text);
        importer.Write(row.SensorId, NpgsqlDbType.Text);
        importer.WriteUtc(row.EventTime);
        importer.Write(row.SampleRateHz, NpgsqlDbType.Double);
        importer.WriteDouble(row.ShaftSpeedRpm);
        importer.Write(row.Samples, NpgsqlDbType.Array | NpgsqlDbType.Real);
        if (!_knownMachines.Contains(row.MachineId))
        {
            _pendingMachines.Add(row.MachineId);
        }
    }

    protected override void AddFollowUps(NpgsqlBatch batch)
    {
        if (_pendingMachines.Count == 0)
        {
            return;
        }
        var insert = new NpgsqlBatchCommand("INSERT INTO machines (machine_id) SELECT unnest($1) ON CONFLICT DO NOTHING");
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _pendingMachines], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        batch.BatchCommands.Add(insert);
    }

    public override void Committed()
    {
        _knownMachines.UnionWith(_pendingMachines);
        _pendingMachines.Clear();
    }

    public override void RolledBack() => _pendingMachines.Clear();
}
