namespace SensorStream.Contracts.Events;

/// <summary>
/// MIN/MAX/AVG/COUNT of one metric of one entity over one event-time window (<c>sensorstream.v1.WindowAggregate</c>, topic
/// <c>metrics.windows</c>, key = entity id). Identified by (entity, metric, window start, window end), so replays upsert.
/// </summary>
/// <param name="EntityId">The sensor, location, machine or truck aggregated.</param>
/// <param name="Metric">Metric name, e.g. <c>temperature_c</c>; values below are in its unit.</param>
/// <param name="WindowStart">Window start (inclusive), UTC.</param>
/// <param name="WindowEnd">Window end (exclusive), UTC.</param>
/// <param name="Count">Number of values in the window.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Avg">Arithmetic mean.</param>
/// <param name="LateCount">Events that arrived after the window closed and went to <c>late.events</c> instead.</param>
/// <param name="EntityType">Level of <paramref name="EntityId"/> (<see cref="EntityTypes"/>); empty in version-1 data.</param>
/// <param name="Rms">Root mean square of the values, for vibration acceleration; null otherwise.</param>
/// <param name="Status">The entity's threshold status for this metric at the window's end; <see cref="StatusLevel.Unknown"/> without thresholds.</param>
public sealed partial record WindowAggregate(
    string EntityId,
    string Metric,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long Count,
    double Min,
    double Max,
    double Avg,
    long LateCount,
    string EntityType = "",
    double? Rms = null,
    StatusLevel Status = StatusLevel.Unknown);
