using System.Diagnostics;

namespace SensorStream.Producers.Publishing;

/// <summary>
/// Drives a simulated feed into a publisher: paced to the requested rate, stopping after a count, a wall-clock
/// duration or cancellation, then flushing so the final counts are exact.
/// </summary>
public static class FeedRunner
{
    /// <summary>Publishes <paramref name="events"/> until a limit is reached; returns the elapsed wall-clock time.</summary>
    /// <param name="events">The (usually endless) simulated feed.</param>
    /// <param name="publisher">Where the events go.</param>
    /// <param name="ratePerSecond">Events per second; 0 = as fast as possible.</param>
    /// <param name="count">Stop after this many events, or null.</param>
    /// <param name="duration">Stop after this long, or null.</param>
    /// <param name="flushTimeout">How long the final flush may take.</param>
    /// <param name="cancellationToken">Stops the feed early (Ctrl+C); what was produced is still flushed.</param>
    public static TimeSpan Run<T>(IEnumerable<OutgoingEvent<T>> events, EventPublisher<T> publisher, double ratePerSecond,
        long? count, TimeSpan? duration, TimeSpan flushTimeout, CancellationToken cancellationToken)
        where T : class, Contracts.Events.IAvroEvent<T>
    {
        var pacer = new RatePacer(ratePerSecond);
        var stopwatch = Stopwatch.StartNew();
        long published = 0;
        foreach (var outgoing in events)
        {
            if (cancellationToken.IsCancellationRequested || published >= (count ?? long.MaxValue) || stopwatch.Elapsed >= (duration ?? TimeSpan.MaxValue))
            {
                break;
            }
            pacer.WaitForNext(cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            publisher.Publish(outgoing);
            published++;
        }
        var elapsed = stopwatch.Elapsed;
        publisher.Flush(flushTimeout);
        return elapsed;
    }
}
