using System.Diagnostics;
using SensorStream.Producers.Publishing;

namespace SensorStream.Tests.Producers;

public sealed class EventTimePacingTests
{
    private static OutgoingEvent<string> At(DateTimeOffset time, string value) => new(value, value, time, []);

    [Fact]
    public void PastEvents_PassAtOnce_AndAFutureOneWaitsForTheClock()
    {
        var now = DateTimeOffset.UtcNow;
        var events = new[] { At(now.AddDays(-30), "old"), At(now.AddSeconds(-1), "recent"), At(now.AddMilliseconds(400), "soon") };
        var stopwatch = Stopwatch.StartNew();
        var seen = new List<(string Value, TimeSpan At)>();

        foreach (var outgoing in EventTimePacing.NotAheadOfClock(events, TimeProvider.System, TestContext.Current.CancellationToken))
        {
            seen.Add((outgoing.Value, stopwatch.Elapsed));
            Assert.True(outgoing.Timestamp <= DateTimeOffset.UtcNow, $"{outgoing.Value} published ahead of the clock");
        }

        Assert.Equal(["old", "recent", "soon"], seen.Select(s => s.Value));
        Assert.True(seen[1].At < TimeSpan.FromMilliseconds(200), $"past events waited {seen[1].At}");
        Assert.True(seen[2].At >= TimeSpan.FromMilliseconds(300), $"a future event went out after {seen[2].At}");
    }

    [Fact]
    public void Cancelling_StopsAWaitForAFarFutureEvent()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var events = new[] { At(DateTimeOffset.UtcNow.AddMinutes(-1), "now"), At(DateTimeOffset.UtcNow.AddHours(3), "later") };
        var stopwatch = Stopwatch.StartNew();

        var seen = EventTimePacing.NotAheadOfClock(events, TimeProvider.System, cancel.Token).Select(e => e.Value).ToList();

        Assert.Equal(["now"], seen);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }
}
