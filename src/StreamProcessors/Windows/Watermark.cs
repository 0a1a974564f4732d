namespace SensorStream.StreamProcessors.Windows;

/// <summary>
/// The event-time watermark of one partition: the largest event time seen minus the out-of-orderness bound. It
/// remembers the offset of the record that set the maximum, so commits can keep that record inside the replay
/// range and a restarted processor rebuilds the same watermark. When its partition has been caught up and silent for
/// <see cref="WindowingOptions.IdleTimeout"/> (wall clock), it moves on at the pace of the clock — keeping the
/// out-of-orderness allowance — so a quiet partition still closes its windows. (The host only asks a caught-up
/// partition, so a consumer that is merely behind never pushes its watermark ahead of its data.)
/// </summary>
internal sealed class Watermark(WindowingOptions options)
{
    private DateTimeOffset _idleFloor = DateTimeOffset.MinValue;
    private DateTimeOffset _lastArrival = DateTimeOffset.MinValue;

    /// <summary>The largest event time seen, or <see cref="DateTimeOffset.MinValue"/>.</summary>
    public DateTimeOffset MaxEventTime { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Offset of the record that set <see cref="MaxEventTime"/>; -1 before any.</summary>
    public long MaxEventTimeOffset { get; private set; } = -1;

    /// <summary>Event time up to which windows may be considered complete.</summary>
    public DateTimeOffset Current
    {
        get
        {
            var fromEvents = MaxEventTime == DateTimeOffset.MinValue ? DateTimeOffset.MinValue : MaxEventTime - options.OutOfOrderness;
            return fromEvents > _idleFloor ? fromEvents : _idleFloor;
        }
    }

    /// <summary>Takes an arriving event into account.</summary>
    public void Observe(DateTimeOffset eventTime, long offset, DateTimeOffset arrival)
    {
        if (eventTime > MaxEventTime)
        {
            MaxEventTime = eventTime;
            MaxEventTimeOffset = offset;
        }
        _lastArrival = arrival;
    }

    /// <summary>Advances with the clock when the partition has been idle; returns whether the watermark moved.</summary>
    public bool OnIdleCheck(DateTimeOffset now)
    {
        if (MaxEventTime == DateTimeOffset.MinValue || now - _lastArrival < options.IdleTimeout)
        {
            return false;
        }
        var before = Current;
        var floor = MaxEventTime - options.OutOfOrderness + (now - _lastArrival - options.IdleTimeout);
        if (floor > _idleFloor)
        {
            _idleFloor = floor;
        }
        return Current > before;
    }
}
