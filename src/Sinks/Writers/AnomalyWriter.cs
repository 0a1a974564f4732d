using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Writers;

/// <summary>
/// <c>anomalies</c>, keyed by anomaly id (deterministic, so a replay overwrites its own findings). In the same
/// transaction, trip entry findings scoring at least <paramref name="acceptScore"/> become accepted corrections in
/// <c>trip_corrections</c> (one per trip and field, the best-scoring finding winning); a duplicate-row finding is
/// recorded with field <c>row</c>.
/// </summary>
/// <param name="acceptScore">Least score (0..1) at which a trip finding is applied as a correction.</param>
internal sealed class AnomalyWriter(double acceptScore) : TableWriter<Anomaly>("anomalies",
    "anomaly_id, source_topic, entity_id, event_time, kind, field, observed_value, expected_value, score, details", keepsLastPerKey: true)
{
    // Only ids that parse as uuids are cast, so a malformed detail cannot fail the batch.
    private const string UuidPattern = "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$";

    private static readonly string AcceptCorrections = $"""
        INSERT INTO trip_corrections (truck_id, trip_id, field, original_value, corrected_value, kind, score, anomaly_id, accepted_by)
        SELECT DISTINCT ON (entity_id, (details->>'trip_id')::uuid, field)
               entity_id, (details->>'trip_id')::uuid, field, observed_value, expected_value, kind, score, anomaly_id, $2
        FROM stage_anomalies
        WHERE source_topic = '{Topics.TripsRecords}' AND score >= $1 AND details->>'trip_id' ~ '{UuidPattern}'
          AND (kind = '{nameof(AnomalyKind.DuplicateRow)}' OR expected_value IS NOT NULL)
        ORDER BY entity_id, (details->>'trip_id')::uuid, field, score DESC, seq DESC
        ON CONFLICT (truck_id, trip_id, field) DO UPDATE
        SET original_value = excluded.original_value, corrected_value = excluded.corrected_value, kind = excluded.kind,
            score = excluded.score, anomaly_id = excluded.anomaly_id, accepted_by = excluded.accepted_by, accepted_at = now()
        WHERE excluded.score >= trip_corrections.score
        """;

    private readonly string _acceptedBy = FormattableString.Invariant($"sink: score >= {acceptScore}");

    protected override string MergeSql => UpsertKeepingLast("anomaly_id");

    protected override void WriteRow(NpgsqlBinaryImporter importer, Anomaly row)
    {
        importer.Write(row.AnomalyId, NpgsqlDbType.Uuid);
        importer.Write(row.SourceTopic, NpgsqlDbType.Text);
        importer.Write(row.EntityId, NpgsqlDbType.Text);
        importer.WriteUtc(row.EventTime);
        importer.Write(EnumNames.Of(row.Kind), NpgsqlDbType.Text);
        importer.Write(row.Field, NpgsqlDbType.Text);
        importer.WriteDouble(row.ObservedValue);
        importer.WriteDouble(row.ExpectedValue);
        importer.Write(row.Score, NpgsqlDbType.Double);
        // Anomalies are rare next to readings; one small JSON string each is fine.
        importer.Write(JsonSerializer.Serialize(row.Details), NpgsqlDbType.Jsonb);
    }

    protected override void AddFollowUps(NpgsqlBatch batch)
    {
        var accept = new NpgsqlBatchCommand(AcceptCorrections);
        accept.Parameters.Add(new NpgsqlParameter<double> { TypedValue = acceptScore });
        accept.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _acceptedBy });
        batch.BatchCommands.Add(accept);
    }
}
