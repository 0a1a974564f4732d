using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Writers;

/// <summary>One record of the compacted <c>config.thresholds</c> topic: new thresholds for a key, or its removal (a tombstone).</summary>
/// <param name="SensorType">Sensor type of the key.</param>
/// <param name="Metric">Metric of the key.</param>
/// <param name="Config">The thresholds, or null when the key was removed.</param>
internal sealed record ThresholdChange(string SensorType, string Metric, ThresholdConfig? Config);
