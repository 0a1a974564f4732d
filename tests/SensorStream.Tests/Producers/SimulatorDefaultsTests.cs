using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Simulation;
using SensorStream.Producers.Trips;
using SensorStream.Producers.Vibration;
using SensorStream.StreamProcessors.Runtime;
using SensorStream.Tests.Infrastructure;
using SensorStream.Tests.StreamProcessors.Processing;

namespace SensorStream.Tests.Producers;

/// <summary>Every simulator's default output, at any rate, is accepted by the processors: nothing is dated after now.</summary>
public sealed class SimulatorDefaultsTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    private string[] Kafka => ["--bootstrap", _broker.BootstrapServers, "--registry", _broker.Broker.SchemaRegistryUrl!.ToString()];

    private static void AssertNoneAfter(IEnumerable<DateTimeOffset> times, DateTimeOffset now, string what)
    {
        var list = times.ToList();
        Assert.NotEmpty(list);
        var late = list.Where(t => t > now).ToList();
        Assert.True(late.Count == 0, $"{late.Count} of {list.Count} {what} are dated after now ({now:O}), the latest {late.DefaultIfEmpty().Max():O}");
        Assert.All(list, t => Assert.Null(EventValidation.EventTimeProblem(t, now)));
    }

    [Fact]
    public async Task TripsAtFullSpeed_WithoutStart_AreAllAcceptedByTheTripProcessor_AndItFindsTypos()
    {
        // The run of issue 11: 2 983 of these 3 000 rows used to be dead-lettered as dated up to a year ahead.
        var result = await CliRunner.RunAsync(["produce", "trips", "--count", "3000", "--rate", "0", "--seed", "23", .. Kafka]);
        var now = DateTimeOffset.UtcNow;

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var records = TopicReader.ReadAll(_broker.BootstrapServers, Topics.TripsRecords);
        Assert.Equal(3000, records.Count);
        var trips = records.Select(r => ProcessingHarness.Decode<TripRecord>(r.Value)).ToList();
        AssertNoneAfter(trips.Select(t => t.EnteredAt), now, "trip entries");
        // As late as whole weeks allow: the book ends within a week of now, so it is recent history, not last year's.
        Assert.InRange(trips.Max(t => t.EnteredAt), now.AddDays(-7), now);

        var options = ProcessingHarness.FastOptions("defaults-trips");
        options.Run = ["trips"];
        await using (var run = ProcessingHarness.Start(_broker, options))
        {
            await TestTimeouts.WaitUntilAsync(() => run.Processing.CountersOf("trips")?.Positions.Values.Sum() == 3000,
                "the trip processor has read every row", TimeSpan.FromSeconds(90));
            await TestTimeouts.WaitUntilAsync(() => TopicReader.ReadAll(_broker.BootstrapServers, Topics.Anomalies).Count > 0,
                "the trip processor reports typos", TimeSpan.FromSeconds(60));
        }
        Assert.Empty(TopicReader.ReadAll(_broker.BootstrapServers, Topics.DeadLetters));
    }

    [Theory]
    [InlineData("vibration", "20000")]
    [InlineData("environment", "200000")]
    public async Task FastFeeds_WithACountAndWithoutStart_EndByNow(string feed, string count)
    {
        var result = await CliRunner.RunAsync(["produce", feed, "--count", count, "--rate", "0", .. Kafka]);
        var now = DateTimeOffset.UtcNow;

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var topic = feed == "vibration" ? Topics.SensorsVibration : Topics.SensorsEnvironment;
        var times = TopicReader.ReadAll(_broker.BootstrapServers, topic).Select(r => feed == "vibration"
            ? ProcessingHarness.Decode<VibrationBlock>(r.Value).EventTime
            : ProcessingHarness.Decode<EnvironmentReading>(r.Value).EventTime).ToList();
        Assert.Equal(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), times.Count);
        AssertNoneAfter(times, now, feed + " events");
        // The run is recent history ending about now (within the margin kept for dropouts), not a run into the future.
        Assert.InRange(times.Max(), now.AddHours(-1), now);
    }

    [Fact]
    public async Task TripsAtTheDefaultRate_ForADuration_AreTheRowsOfThatRunEndingByNow()
    {
        var result = await CliRunner.RunAsync(["produce", "trips", "--duration", "3s", .. Kafka]);
        var now = DateTimeOffset.UtcNow;

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var trips = TopicReader.ReadAll(_broker.BootstrapServers, Topics.TripsRecords).Select(r => ProcessingHarness.Decode<TripRecord>(r.Value)).ToList();
        AssertNoneAfter(trips.Select(t => t.EnteredAt), now, "trip entries");
        // One row per second for 3 s: the last rows of a book that ends this week (a real log grows by ~10 rows a day).
        Assert.InRange(trips.Min(t => t.EnteredAt), now.AddDays(-8), now);
    }

    [Fact]
    public void DefaultStart_IsNowInRealTime_AndEarlierTheFasterTheFeedRuns()
    {
        var now = new DateTimeOffset(2026, 12, 4, 17, 30, 0, 500, TimeSpan.Zero);
        DateTimeOffset EndingBy(DateTimeOffset end, long count) => end - TimeSpan.FromSeconds(count / 10.0);

        Assert.Equal(now.AddMilliseconds(-500), FeedSchedule.DefaultStart(now, 10, 10, null, null, EndingBy, TimeSpan.FromDays(1)));
        Assert.Equal(now.AddMilliseconds(-500), FeedSchedule.DefaultStart(now, 5, 10, 1000, null, EndingBy, TimeSpan.FromDays(1)));
        Assert.Equal(now.AddMilliseconds(-500).AddSeconds(-100), FeedSchedule.DefaultStart(now, 0, 10, 1000, null, EndingBy, TimeSpan.FromDays(1)));
        Assert.Equal(now.AddMilliseconds(-500).AddSeconds(-600), FeedSchedule.DefaultStart(now, 100, 10, null, TimeSpan.FromMinutes(1), EndingBy, TimeSpan.FromDays(1)));
        Assert.Equal(now.AddMilliseconds(-500).AddDays(-1), FeedSchedule.DefaultStart(now, 0, 10, null, TimeSpan.FromMinutes(1), EndingBy, TimeSpan.FromDays(1)));
        Assert.Equal(now.AddMilliseconds(-500).AddDays(-1), FeedSchedule.DefaultStart(now, 0, 10, null, null, EndingBy, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void TripBook_EndingByNow_IsTheSameLogShiftedByWholeWeeks()
    {
        var options = new TripSimulationOptions();
        var now = new DateTimeOffset(2026, 12, 4, 17, 30, 0, TimeSpan.Zero);

        var first = TripSimulator.FirstDayEndingBy(options, 23, now, 3000);
        var log = new TripSimulator(options, 23, first).Events().Take(3000).ToList();
        var later = new TripSimulator(options, 23, first.AddDays(7)).Events().Take(3000).ToList();

        Assert.Equal(now.DayOfWeek, first.DayOfWeek);
        Assert.True(log[^1].Timestamp <= now);
        Assert.True(later[^1].Timestamp > now, "a week later would not end by now, so the first day is the latest possible");
        Assert.Equal(log.Select(e => e.Value with { TripDate = e.Value.TripDate.AddDays(7), EnteredAt = e.Value.EnteredAt.AddDays(7) }), later.Select(e => e.Value));
    }

    [Fact]
    public void VibrationStartEndingBy_IsExact()
    {
        var options = new VibrationSimulationOptions();
        var end = new DateTimeOffset(2026, 12, 4, 17, 30, 0, TimeSpan.Zero);

        var start = VibrationSimulator.StartEndingBy(options, end, 20_001);
        var last = new VibrationSimulator(options, 1, start).Events().Take(20_001).Last();

        Assert.Equal(end, last.Timestamp);
    }
}
