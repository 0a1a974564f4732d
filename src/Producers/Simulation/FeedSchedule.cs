namespace SensorStream.Producers.Simulation;

/// <summary>
/// Where a simulated feed starts in event time when the user gives no start. The processors refuse events dated more
/// than a day ahead of their clock (and a feed dated ahead of now is wrong anyway), so a feed published faster than it
/// happens must start in the past: far enough back that the events asked for (a count, or a rate for a duration) end
/// about now, or a default backfill when nothing bounds them. Whatever is chosen, the feed is also held back so no
/// event goes out before the clock reaches its time (<c>EventTimePacing.NotAheadOfClock</c>): a replay that catches up
/// continues in real time.
/// </summary>
public static class FeedSchedule
{
    /// <summary>The start of a feed without a user-given start.</summary>
    /// <param name="now">The clock.</param>
    /// <param name="rate">Events per second published (0 = as fast as possible).</param>
    /// <param name="eventsPerEventSecond">Events per second of event time: the rate at which the feed happens.</param>
    /// <param name="count">How many events will be published, or null.</param>
    /// <param name="duration">How long the feed will be published (wall clock), or null.</param>
    /// <param name="startEndingBy">The start at which <c>count</c> events end at or before the given time (exact, or with a margin).</param>
    /// <param name="backfill">How far back an unbounded fast feed starts.</param>
    public static DateTimeOffset DefaultStart(DateTimeOffset now, double rate, double eventsPerEventSecond, long? count, TimeSpan? duration,
        Func<DateTimeOffset, long, DateTimeOffset> startEndingBy, TimeSpan backfill)
    {
        ArgumentNullException.ThrowIfNull(startEndingBy);
        var second = FloorToSecond(now);
        var fasterThanItHappens = rate <= 0 || rate > eventsPerEventSecond * 1.000_001;
        if (!fasterThanItHappens)
        {
            return second;
        }
        if (count is { } n)
        {
            return FloorToSecond(startEndingBy(now, n));
        }
        if (duration is { } d && rate > 0)
        {
            return FloorToSecond(startEndingBy(now, (long)Math.Ceiling(d.TotalSeconds * rate)));
        }
        return second - backfill;
    }

    private static DateTimeOffset FloorToSecond(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
