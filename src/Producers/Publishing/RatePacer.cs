namespace SensorStream.Producers.Publishing;

/// <summary>
/// Paces a loop to a target rate against an absolute schedule (event <c>n</c> is due at <c>n / rate</c> seconds),
/// so sleeps that overshoot are caught up and the long-run rate stays exact; short bursts of about a millisecond
/// are allowed rather than burning a core spinning. A rate of 0 means as fast as possible.
/// </summary>
public sealed class RatePacer(double eventsPerSecond, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _started = -1;
    private long _count;

    /// <summary>Events per second (0 = unpaced).</summary>
    public double EventsPerSecond { get; } = eventsPerSecond;

    /// <summary>Blocks until the next event is due.</summary>
    public void WaitForNext(CancellationToken cancellationToken)
    {
        if (EventsPerSecond <= 0)
        {
            return;
        }
        if (_started < 0)
        {
            _started = _time.GetTimestamp();
        }
        var due = TimeSpan.FromSeconds(_count++ / EventsPerSecond);
        while (!cancellationToken.IsCancellationRequested)
        {
            var ahead = due - _time.GetElapsedTime(_started);
            if (ahead <= TimeSpan.FromMilliseconds(1))
            {
                return;
            }
            cancellationToken.WaitHandle.WaitOne(ahead);
        }
    }

    /// <summary>Wall-clock time since the first event.</summary>
    public TimeSpan Elapsed => _started < 0 ? TimeSpan.Zero : _time.GetElapsedTime(_started);
}
