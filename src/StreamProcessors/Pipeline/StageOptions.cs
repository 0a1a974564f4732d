namespace SensorStream.StreamProcessors.Pipeline;

/// <summary>Bounds of a stage: how many items may wait per lane before writers wait (backpressure).</summary>
public sealed class StageOptions
{
    /// <summary>Items queued per lane before <see cref="KeyedStage{TKey, TIn, TOut}.WriteAsync"/> waits. Default 1 024.</summary>
    public int LaneCapacity { get; init; } = 1024;
}
