namespace SensorStream.Producers.Publishing;

/// <summary>
/// Holds back events dated in the future, so a feed replayed faster than real time (the trip book in
/// <c>sensorstream up</c>) catches up with the clock and then follows it, never publishing an event ahead of now —
/// which processors would rightly reject as a bad clock.
/// </summary>
public static class EventTimePacing
{
    private static readonly TimeSpan LongestSingleWait = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Yields <paramref name="events"/> in order, each once <paramref name="clock"/> has reached its timestamp; stops
    /// (without yielding the waiting event) when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static IEnumerable<OutgoingEvent<T>> NotAheadOfClock<T>(IEnumerable<OutgoingEvent<T>> events, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(clock);
        foreach (var outgoing in events)
        {
            TimeSpan ahead;
            while ((ahead = outgoing.Timestamp - clock.GetUtcNow()) > TimeSpan.Zero)
            {
                // In slices, so a clock that jumps (NTP, a test's clock) is noticed within a minute.
                if (cancellationToken.WaitHandle.WaitOne(ahead < LongestSingleWait ? ahead : LongestSingleWait))
                {
                    yield break;
                }
            }
            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            yield return outgoing;
        }
    }
}
