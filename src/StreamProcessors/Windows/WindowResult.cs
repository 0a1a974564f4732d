namespace SensorStream.StreamProcessors.Windows;

/// <summary>One emission of a window: first when the watermark passes its end, again when a permitted late event changes it.</summary>
/// <param name="Entity">What was aggregated (sensor, machine sensor…).</param>
/// <param name="Metric">Which metric.</param>
/// <param name="Spec">The window shape.</param>
/// <param name="Start">Window start (inclusive).</param>
/// <param name="End">Window end (exclusive).</param>
/// <param name="Values">The values in the window.</param>
/// <param name="LateCount">Events for this window that arrived too late to be included.</param>
/// <param name="IsUpdate">True when this replaces an earlier emission of the same window.</param>
internal sealed record WindowResult(string Entity, string Metric, WindowSpec Spec, DateTimeOffset Start, DateTimeOffset End,
    ValueSummary Values, long LateCount, bool IsUpdate);
