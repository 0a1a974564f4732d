namespace SensorStream.Storage.Queries;

/// <summary>One hour of one metric of a location-tree entity, from the processors' hourly windows.</summary>
/// <param name="EntityId">The loc_id, floor, building or factory.</param>
/// <param name="Metric">Metric name, e.g. <c>temperature_c</c>.</param>
/// <param name="Hour">Start of the hour, UTC.</param>
/// <param name="Count">Readings in the hour across the entity's sensors.</param>
/// <param name="Min">Smallest reading, in the metric's unit.</param>
/// <param name="Max">Largest reading, in the metric's unit.</param>
/// <param name="Avg">Mean reading, in the metric's unit.</param>
/// <param name="Status">Worst threshold status among the entity's sensors at the hour's end (<c>Normal</c>, <c>Warning</c>, <c>Critical</c>, <c>Unknown</c>).</param>
public sealed record HourlyAggregate(string EntityId, string Metric, DateTimeOffset Hour, long Count, double Min, double Max, double Avg, string Status);
