using SensorStream.StreamProcessors.Windows;

namespace SensorStream.Tests.StreamProcessors.Windows;

public sealed class WindowedAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed record Event(string Entity, DateTimeOffset Time, double Value, long Offset);

    /// <summary>A stream whose event times mostly advance, with out-of-order events within a few seconds and some very late ones.</summary>
    private static List<Event> RandomStream(int seed, int count)
    {
        var random = new Random(seed);
        var events = new List<Event>(count);
        var clock = T0;
        for (var i = 0; i < count; i++)
        {
            clock += TimeSpan.FromMilliseconds(random.Next(0, 1500));
            var roll = random.NextDouble();
            var time = roll < 0.05 ? clock - TimeSpan.FromSeconds(random.Next(60, 900))   // late
                : roll < 0.25 ? clock - TimeSpan.FromSeconds(random.NextDouble() * 20)     // out of order within the bound
                : clock;
            events.Add(new Event($"s{random.Next(4)}", time, Math.Round((random.NextDouble() * 100) - 20, 3), i));
        }
        return events;
    }

    [Theory]
    [InlineData(1, "1m")]
    [InlineData(2, "1m")]
    [InlineData(3, "5m/1m")]
    [InlineData(4, "10s")]
    public void FinalResults_EqualABruteForceOverTheSameAcceptanceRule(int seed, string window)
    {
        var spec = WindowSpec.Parse(window);
        var options = new WindowingOptions { OutOfOrderness = TimeSpan.FromSeconds(25), AllowedLateness = TimeSpan.FromSeconds(30), LateRetention = TimeSpan.FromMinutes(5) };
        var aggregator = new WindowedAggregator([spec], options);
        var watermark = new Watermark(options);
        var stream = RandomStream(seed, 5_000);
        var emitted = new Dictionary<(string, DateTimeOffset), WindowResult>();
        var results = new List<WindowResult>();
        void Collect()
        {
            foreach (var r in results)
            {
                Assert.True(r.IsUpdate == emitted.ContainsKey((r.Entity, r.Start)), $"update flag of {r.Entity} {r.Start:HH:mm:ss}");
                emitted[(r.Entity, r.Start)] = r;
            }
            results.Clear();
        }

        // The reference: per window, the values of events that arrived while the watermark was before the window's
        // end plus allowed lateness; late arrivals count towards a window only while it is still retained.
        var reference = new Dictionary<(string Entity, DateTimeOffset Start), (List<double> Values, long Late, DateTimeOffset FirstSeen)>();
        var referenceWatermark = DateTimeOffset.MinValue;
        DateTimeOffset maxEventTime = DateTimeOffset.MinValue;
        foreach (var e in stream)
        {
            foreach (var startTicks in spec.StartsContaining(e.Time))
            {
                var start = new DateTimeOffset(startTicks, TimeSpan.Zero);
                var end = start + spec.Size;
                var exists = reference.TryGetValue((e.Entity, start), out var entry);
                if (referenceWatermark < end + options.AllowedLateness)
                {
                    if (!exists)
                    {
                        entry = ([], 0, start);
                    }
                    entry.Values.Add(e.Value);
                    reference[(e.Entity, start)] = entry;
                }
                else if (exists && referenceWatermark < end + options.AllowedLateness + options.LateRetention)
                {
                    reference[(e.Entity, start)] = entry with { Late = entry.Late + 1 };
                }
            }
            if (e.Time > maxEventTime)
            {
                maxEventTime = e.Time;
            }
            referenceWatermark = maxEventTime - options.OutOfOrderness;

            aggregator.Add(e.Entity, "m", e.Time, ValueSummary.Of(e.Value), e.Offset, watermark.Current, results);
            watermark.Observe(e.Time, e.Offset, DateTimeOffset.UnixEpoch);
            aggregator.Advance(watermark.Current, results);
            Collect();
            Assert.Equal(referenceWatermark, watermark.Current);
        }
        aggregator.Advance(DateTimeOffset.MaxValue, results);
        Collect();

        Assert.Equal(reference.Count, emitted.Count);
        foreach (var ((entity, start), (values, late, _)) in reference)
        {
            var result = emitted[(entity, start)];
            Assert.Equal(values.Count, result.Values.Count);
            Assert.Equal(values.Min(), result.Values.Min);
            Assert.Equal(values.Max(), result.Values.Max);
            Assert.Equal(values.Average(), result.Values.Average, 9);
            Assert.Equal(late, result.LateCount);
        }
        Assert.Equal(0, aggregator.WindowCount);
    }

    [Fact]
    public void AWindowFires_OnlyWhenTheWatermarkPassesItsEnd()
    {
        var options = new WindowingOptions { OutOfOrderness = TimeSpan.FromSeconds(10) };
        var aggregator = new WindowedAggregator([WindowSpec.Tumbling(TimeSpan.FromMinutes(1))], options);
        var results = new List<WindowResult>();

        aggregator.Add("s", "t", T0.AddSeconds(30), ValueSummary.Of(1), 0, DateTimeOffset.MinValue, results);
        aggregator.Advance(T0.AddSeconds(59), results);
        Assert.Empty(results);
        aggregator.Advance(T0.AddMinutes(1), results);

        var result = Assert.Single(results);
        Assert.Equal((T0, T0.AddMinutes(1), 1L, false), (result.Start, result.End, result.Values.Count, result.IsUpdate));
    }

    [Fact]
    public void OldestOffset_IsTheFirstOffsetAnyKeptWindowNeeds()
    {
        var options = new WindowingOptions { AllowedLateness = TimeSpan.Zero, LateRetention = TimeSpan.Zero };
        var aggregator = new WindowedAggregator([WindowSpec.Tumbling(TimeSpan.FromMinutes(1))], options);
        var results = new List<WindowResult>();

        aggregator.Add("a", "t", T0.AddSeconds(5), ValueSummary.Of(1), 10, DateTimeOffset.MinValue, results);
        aggregator.Add("b", "t", T0.AddSeconds(65), ValueSummary.Of(1), 11, DateTimeOffset.MinValue, results);
        aggregator.Add("a", "t", T0.AddSeconds(6), ValueSummary.Of(1), 12, DateTimeOffset.MinValue, results);
        Assert.Equal(10, aggregator.OldestOffset);

        aggregator.Advance(T0.AddMinutes(1), results); // fires [0,1m); with no lateness or retention it is dropped next
        aggregator.Advance(T0.AddMinutes(1), results);
        aggregator.Advance(T0.AddMinutes(1), results);

        Assert.Equal(11, aggregator.OldestOffset);
    }

    [Fact]
    public void ACommit_NeverLandsInsideAForgottenWindow_ThatAnOutOfOrderRecordStillReached()
    {
        // Offsets 10..14 fill [0,1m); 20 opens [1m,2m); 21 is out of order and still joins [0,1m).
        var options = new WindowingOptions { OutOfOrderness = TimeSpan.FromSeconds(30), AllowedLateness = TimeSpan.Zero, LateRetention = TimeSpan.Zero };
        var aggregator = new WindowedAggregator([WindowSpec.Tumbling(TimeSpan.FromMinutes(1))], options);
        var results = new List<WindowResult>();
        for (var i = 0; i < 5; i++)
        {
            aggregator.Add("s", "t", T0.AddSeconds(10 * i), ValueSummary.Of(i), 10 + i, DateTimeOffset.MinValue, results);
        }
        aggregator.Add("s", "t", T0.AddSeconds(65), ValueSummary.Of(9), 20, T0.AddSeconds(30), results);
        aggregator.Add("s", "t", T0.AddSeconds(55), ValueSummary.Of(9), 21, T0.AddSeconds(35), results);

        aggregator.Advance(T0.AddMinutes(1), results); // fire, finalise and forget [0,1m)
        aggregator.Advance(T0.AddMinutes(1), results);
        aggregator.Advance(T0.AddMinutes(1), results);

        // [1m,2m) alone would allow 20, but replaying from 20 would rebuild [0,1m) from offset 21 only.
        Assert.Equal(20, aggregator.OldestOffset);
        Assert.Equal(10, aggregator.SafeCommitOffset(22));
    }

    [Fact]
    public void HoppingWindows_CountAnEventInEveryWindowThatContainsIt()
    {
        var spec = WindowSpec.Parse("5m/1m");

        Assert.Equal(5, spec.StartsContaining(T0.AddSeconds(90)).Count());
        Assert.Equal(T0.AddMinutes(1).UtcTicks, spec.StartsContaining(T0.AddSeconds(90)).First());
        Assert.Equal(T0.AddMinutes(-3).UtcTicks, spec.StartsContaining(T0.AddSeconds(90)).Last());
    }

    [Theory]
    [InlineData("1m", 60, 60)]
    [InlineData("10s", 10, 10)]
    [InlineData("1h", 3600, 3600)]
    [InlineData("5m/1m", 300, 60)]
    [InlineData("00:00:30", 30, 30)]
    public void WindowSpec_ParsesItsConfigurationForms(string text, int sizeSeconds, int advanceSeconds)
    {
        var spec = WindowSpec.Parse(text);

        Assert.Equal((TimeSpan.FromSeconds(sizeSeconds), TimeSpan.FromSeconds(advanceSeconds)), (spec.Size, spec.Advance));
        Assert.Equal(spec, WindowSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-1m")]
    [InlineData("1m/5m")]
    [InlineData("5m/2m")]
    public void WindowSpec_RejectsMalformedOrImpossibleShapes(string text)
    {
        Assert.Throws<FormatException>(() => WindowSpec.Parse(text));
    }

    [Fact]
    public void Watermark_OfAnIdlePartition_FollowsTheClockAfterTheTimeout()
    {
        var options = new WindowingOptions { OutOfOrderness = TimeSpan.FromSeconds(30), IdleTimeout = TimeSpan.FromSeconds(20) };
        var watermark = new Watermark(options);
        var arrival = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        watermark.Observe(T0, 7, arrival);

        Assert.False(watermark.OnIdleCheck(arrival.AddSeconds(19)));
        Assert.Equal(T0.AddSeconds(-30), watermark.Current);
        Assert.True(watermark.OnIdleCheck(arrival.AddSeconds(80)));
        Assert.Equal(T0.AddSeconds(-30 + 60), watermark.Current); // the clock moved 60 s past the timeout; the allowance is kept
        Assert.Equal(7, watermark.MaxEventTimeOffset);
    }
}
