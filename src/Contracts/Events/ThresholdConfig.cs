namespace SensorStream.Contracts.Events;

/// <summary>
/// Thresholds for one metric of one sensor type; the latest per key wins (<c>sensorstream.v1.ThresholdConfig</c>, compacted
/// topic <c>config.thresholds</c>, key = <c>sensor_type/metric</c>).
/// </summary>
/// <param name="SensorType">Sensor type the thresholds apply to.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Unit">Unit of the metric and of every threshold, e.g. <c>degC</c>.</param>
/// <param name="WarningAbove">Warning when the value exceeds this, or null.</param>
/// <param name="CriticalAbove">Critical when the value exceeds this, or null.</param>
/// <param name="WarningBelow">Warning when the value is below this, or null.</param>
/// <param name="CriticalBelow">Critical when the value is below this, or null.</param>
/// <param name="UpdatedAt">When the configuration took effect, UTC.</param>
public sealed partial record ThresholdConfig(
    string SensorType,
    string Metric,
    string Unit,
    double? WarningAbove,
    double? CriticalAbove,
    double? WarningBelow,
    double? CriticalBelow,
    DateTimeOffset UpdatedAt);
