namespace SensorStream.StreamProcessors.Windows;

/// <summary>
/// How event time is tracked and how long windows wait: the watermark is the largest event time seen minus
/// <see cref="OutOfOrderness"/>; a window is first emitted when the watermark passes its end, re-emitted for events
/// arriving within <see cref="AllowedLateness"/> after that, and kept another <see cref="LateRetention"/> so later
/// events still raise its late count; anything later goes only to <c>late.events</c>. A partition that has had no
/// event for <see cref="IdleTimeout"/> (wall clock) lets its watermark advance with the clock, so idle partitions do
/// not hold windows open.
/// </summary>
public sealed class WindowingOptions
{
    /// <summary>Bound on how far out of order events arrive. Default 35 s.</summary>
    public TimeSpan OutOfOrderness { get; set; } = TimeSpan.FromSeconds(35);

    /// <summary>How long after firing a window still accepts events (and re-emits). Default 1 minute.</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after its lateness ends a window's result is kept to count late events. Default 15 minutes.</summary>
    public TimeSpan LateRetention { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wall-clock silence after which a partition's watermark follows the clock. Default 30 s.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
