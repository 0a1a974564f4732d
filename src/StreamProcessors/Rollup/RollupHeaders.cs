namespace SensorStream.StreamProcessors.Rollup;

/// <summary>
/// Headers of the internal rollup topic. Its values are partial window results of an ancestor (entity id and type in
/// the value; the key is the entity id) combined from one input partition's sensors.
/// </summary>
internal static class RollupHeaders
{
    /// <summary>The input partition the partial came from (<c>topic:partition</c>); it replaces that partition's earlier partial.</summary>
    public const string Source = "rollup-source";

    /// <summary>
    /// That partition's watermark before the batch this window came in (UTC ticks): every window ending before it was
    /// sent in an earlier batch. On a heartbeat, <see cref="NoData"/> when the partition has never had a reading.
    /// </summary>
    public const string SourceWatermark = "rollup-source-watermark";

    /// <summary>How many sensors the partial combines (decimal), so the rollup knows when every sensor of the entity is in.</summary>
    public const string Sensors = "rollup-sensors";

    /// <summary>Heartbeat value of <see cref="SourceWatermark"/> from a partition without any reading: it holds no window open.</summary>
    public const string NoData = "none";
}
