namespace SensorStream.StreamProcessors.Rollup;

/// <summary>One window of one metric of one ancestor entity (location, floor, building or factory).</summary>
internal readonly record struct RollupKey(string Entity, string EntityType, string Metric, DateTimeOffset Start, DateTimeOffset End);
