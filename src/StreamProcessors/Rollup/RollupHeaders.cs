namespace SensorStream.StreamProcessors.Rollup;

/// <summary>Headers of the internal rollup topic: which ancestor a sensor's window result is for.</summary>
internal static class RollupHeaders
{
    /// <summary>The ancestor entity id (loc_id, floor, building or factory); also the record's key.</summary>
    public const string Entity = "rollup-entity";

    /// <summary>The ancestor's level (<see cref="Contracts.Events.EntityTypes"/>).</summary>
    public const string EntityType = "rollup-entity-type";

    /// <summary>The input partition the sensor window came from (<c>topic:partition</c>).</summary>
    public const string Source = "rollup-source";

    /// <summary>
    /// That partition's watermark before the batch this window came in (UTC ticks): every window ending before it was
    /// sent in an earlier batch. On a heartbeat, <see cref="NoData"/> when the partition has never had a reading.
    /// </summary>
    public const string SourceWatermark = "rollup-source-watermark";

    /// <summary>Heartbeat value of <see cref="SourceWatermark"/> from a partition without any reading: it holds no window open.</summary>
    public const string NoData = "none";
}
