namespace SensorStream.Contracts.Events;

/// <summary>
/// A value that looks wrong, with the value it most likely should have been (<c>sensorstream.v1.Anomaly</c>, topic
/// <c>anomalies</c>, key = entity id).
/// </summary>
/// <param name="AnomalyId">Deterministic identifier, so replays emit the same id.</param>
/// <param name="SourceTopic">Topic of the event concerned.</param>
/// <param name="EntityId">The sensor, location, machine or truck concerned.</param>
/// <param name="EventTime">Event time of the anomalous event, UTC.</param>
/// <param name="Kind">What kind of anomaly.</param>
/// <param name="Field">The anomalous field of the source event.</param>
/// <param name="ObservedValue">The value observed, in the field's unit, or null.</param>
/// <param name="ExpectedValue">The value it most likely should have been, in the field's unit, or null.</param>
/// <param name="Score">Strength of the evidence (z-score, or 0..1 likelihood for entry errors).</param>
/// <param name="Details">Free-form explanation entries.</param>
public sealed partial record Anomaly(
    Guid AnomalyId,
    string SourceTopic,
    string EntityId,
    DateTimeOffset EventTime,
    AnomalyKind Kind,
    string Field,
    double? ObservedValue,
    double? ExpectedValue,
    double Score,
    IReadOnlyDictionary<string, string> Details);
