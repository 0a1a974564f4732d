namespace SensorStream.Contracts.Events;

/// <summary>A metric of an entity crossed a threshold level (<c>sensorstream.v1.StatusChange</c>, topic <c>status.changes</c>, key = entity id).</summary>
/// <param name="EntityId">The sensor or location whose status changed.</param>
/// <param name="SensorType">Sensor type the thresholds are defined for.</param>
/// <param name="Metric">Metric name; <paramref name="Value"/> and <paramref name="Threshold"/> are in its unit.</param>
/// <param name="EventTime">Event time of the value that caused the change, UTC.</param>
/// <param name="PreviousLevel">Level before, or null for an entity's first status.</param>
/// <param name="Level">Level after.</param>
/// <param name="Value">The value that caused the change.</param>
/// <param name="Threshold">The threshold crossed, or null when returning to normal.</param>
public sealed partial record StatusChange(
    string EntityId,
    string SensorType,
    string Metric,
    DateTimeOffset EventTime,
    StatusLevel? PreviousLevel,
    StatusLevel Level,
    double Value,
    double? Threshold);
