using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Batching;

/// <summary>
/// What PostgreSQL would refuse, or what would harm the tables, checked before a row joins a batch: one bad record must
/// go to the dead-letter topic, not fail the transaction of thousands of good ones. Text may not contain NUL, ids must
/// fit a btree index entry, times must lie where partitions make sense.
/// </summary>
internal static class RowChecks
{
    /// <summary>Longest id accepted, in characters (btree entries are limited to about 2.7 kB).</summary>
    public const int MaxIdLength = 256;

    private static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string? Problem(VibrationBlock value) =>
        Id("machine_id", value.MachineId) ?? Id("sensor_id", value.SensorId) ?? Time("event_time", value.EventTime)
        ?? (double.IsFinite(value.SampleRateHz) && value.SampleRateHz > 0 ? null : $"sample_rate_hz {value.SampleRateHz} is not a positive number")
        ?? (value.Samples.Length == 0 ? "the block has no samples" : null);

    public static string? Problem(EnvironmentReading value) =>
        Id("sensor_id", value.SensorId) ?? Id("loc_id", value.LocId) ?? Time("event_time", value.EventTime);

    public static string? Problem(TripRecord value) =>
        Id("truck_id", value.TruckId) ?? (value.TripId == Guid.Empty ? "trip_id is empty" : null) ?? Time("entered_at", value.EnteredAt)
        ?? Text("origin", value.Origin) ?? Text("destination", value.Destination);

    public static string? Problem(WindowAggregate value) =>
        Id("entity_id", value.EntityId) ?? Text("entity_type", value.EntityType) ?? Id("metric", value.Metric)
        ?? Time("window_start", value.WindowStart) ?? Time("window_end", value.WindowEnd);

    public static string? Problem(StatusChange value) =>
        Id("entity_id", value.EntityId) ?? Id("metric", value.Metric) ?? Text("sensor_type", value.SensorType) ?? Time("event_time", value.EventTime);

    public static string? Problem(VibrationDiagnosis value) =>
        Id("machine_id", value.MachineId) ?? Id("sensor_id", value.SensorId) ?? Time("window_start", value.WindowStart) ?? Time("window_end", value.WindowEnd)
        ?? (value.Drivers ?? []).Select(d => Text("drivers", d)).FirstOrDefault(p => p is not null);

    public static string? Problem(Anomaly value) =>
        Id("entity_id", value.EntityId) ?? Text("source_topic", value.SourceTopic) ?? Text("field", value.Field) ?? Time("event_time", value.EventTime)
        ?? value.Details.Select(d => Text("details key", d.Key) ?? Text("details value", d.Value)).FirstOrDefault(p => p is not null);

    public static string? Problem(ThresholdConfig value) =>
        Id("sensor_type", value.SensorType) ?? Id("metric", value.Metric) ?? Text("unit", value.Unit);

    public static string? Problem(DeadLetter value) =>
        Text("source_topic", value.SourceTopic) ?? Text("processor", value.Processor) ?? Text("error_reason", value.ErrorReason)
        ?? Text("error_message", value.ErrorMessage) ?? value.Headers.Select(h => Text("header key", h.Key)).FirstOrDefault(p => p is not null);

    private static string? Id(string name, string value) =>
        string.IsNullOrEmpty(value) ? $"{name} is empty"
        : value.Length > MaxIdLength ? $"{name} is {value.Length} characters long (at most {MaxIdLength})"
        : Text(name, value);

    private static string? Text(string name, string value) =>
        value.Contains('\0', StringComparison.Ordinal) ? $"{name} contains a NUL character, which PostgreSQL text cannot hold" : null;

    private static string? Time(string name, DateTimeOffset value) =>
        value < Earliest || value >= Latest ? $"{name} {value:O} is outside 1970..2200" : null;
}
