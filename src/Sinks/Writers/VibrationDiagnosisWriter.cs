using Npgsql;
using NpgsqlTypes;
using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Writers;

/// <summary><c>vibration_diagnoses</c>, keyed by (machine, sensor, window start, window end).</summary>
internal sealed class VibrationDiagnosisWriter() : TableWriter<VibrationDiagnosis>("vibration_diagnoses",
    "machine_id, sensor_id, window_start, window_end, fault, confidence, rms_g, peak_g, dominant_frequency_hz, shaft_speed_rpm, block_count, " +
    "crest_factor, kurtosis, amplitude_half_x_g, amplitude_1x_g, amplitude_2x_g, amplitude_3x_g, drivers", keepsLastPerKey: true)
{
    public override string? PartitionedTable => Table;

    public override DateTime TimeOf(VibrationDiagnosis row) => row.WindowStart.UtcDateTime;

    protected override string MergeSql => UpsertKeepingLast("machine_id, sensor_id, window_start, window_end");

    protected override void WriteRow(NpgsqlBinaryImporter importer, VibrationDiagnosis row)
    {
        importer.Write(row.MachineId, NpgsqlDbType.Text);
        importer.Write(row.SensorId, NpgsqlDbType.Text);
        importer.WriteUtc(row.WindowStart);
        importer.WriteUtc(row.WindowEnd);
        importer.Write(EnumNames.Of(row.Fault), NpgsqlDbType.Text);
        importer.Write(row.Confidence, NpgsqlDbType.Double);
        importer.Write(row.RmsG, NpgsqlDbType.Double);
        importer.Write(row.PeakG, NpgsqlDbType.Double);
        importer.WriteDouble(row.DominantFrequencyHz);
        importer.WriteDouble(row.ShaftSpeedRpm);
        importer.Write(row.BlockCount, NpgsqlDbType.Integer);
        importer.WriteDouble(row.CrestFactor);
        importer.WriteDouble(row.Kurtosis);
        importer.WriteDouble(row.AmplitudeHalfXG);
        importer.WriteDouble(row.Amplitude1xG);
        importer.WriteDouble(row.Amplitude2xG);
        importer.WriteDouble(row.Amplitude3xG);
        importer.Write(row.Drivers as string[] ?? [.. row.Drivers ?? []], NpgsqlDbType.Array | NpgsqlDbType.Text);
    }
}
