using SensorStream.Contracts.Events;
using SensorStream.StreamProcessors.Thresholds;

namespace SensorStream.Tests.StreamProcessors.Thresholds;

public sealed class StatusTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ThresholdConfig Temperature = new("production", "temperature_c", "degC", 32, 38, 12, 8, T0);

    /// <summary>Feeds one-minute windows whose max (and min) is each value; returns the changes with the window index they came at.</summary>
    private static List<(int Window, StatusChange Change)> Feed(StatusTracker tracker, params double[] values) => Feed(tracker, Temperature, values);

    private static List<(int Window, StatusChange Change)> Feed(StatusTracker tracker, ThresholdConfig? thresholds, params double[] values)
    {
        var changes = new List<(int, StatusChange)>();
        for (var i = 0; i < values.Length; i++)
        {
            var start = T0.AddMinutes(i);
            if (tracker.Observe(thresholds, values[i], values[i], start, start.AddMinutes(1), "s1", "production", "temperature_c") is { } change)
            {
                changes.Add((i, change));
            }
        }
        return changes;
    }

    private static StatusTracker Tracker(double minutes = 2) => new(new StatusOptions { MinDuration = TimeSpan.FromMinutes(minutes), ClearMarginFraction = 0.03 });

    [Fact]
    public void FirstWindow_SetsTheStatusAtOnce_WithNoPreviousLevel()
    {
        var (window, change) = Assert.Single(Feed(Tracker(), 25));

        Assert.Equal(0, window);
        Assert.Equal((null, StatusLevel.Normal, (double?)null), (change.PreviousLevel, change.Level, change.Threshold));
    }

    [Fact]
    public void Escalation_WaitsForTheMinimumDuration()
    {
        var changes = Feed(Tracker(), 25, 33, 33, 33);

        var (window, change) = changes[1];
        Assert.Equal(2, window); // the second consecutive minute above 32 completes two minutes
        Assert.Equal((StatusLevel.Normal, StatusLevel.Warning, 33.0, (double?)32), (change.PreviousLevel, change.Level, change.Value, change.Threshold));
        Assert.Equal(T0.AddMinutes(3), change.EventTime);
    }

    [Fact]
    public void ASingleExcursion_ShorterThanTheMinimumDuration_IsIgnored()
    {
        Assert.Single(Feed(Tracker(), 25, 33, 25, 33, 25, 40, 25));
    }

    [Fact]
    public void Hysteresis_KeepsWarningUntilTheValueClearsTheThresholdByTheMargin()
    {
        // 32 × (1 − 0.03) = 31.04: 31.5 is below the threshold but not clear of it.
        var changes = Feed(Tracker(), 25, 33, 33, 31.5, 31.5, 31.5, 30.9, 30.9);

        Assert.Equal([StatusLevel.Normal, StatusLevel.Warning, StatusLevel.Normal], changes.Select(c => c.Change.Level));
        Assert.Equal(7, changes[2].Window);
    }

    [Fact]
    public void AValueHoveringAtTheThreshold_DoesNotFlap()
    {
        var changes = Feed(Tracker(), 25, 32.5, 32.5, 31.8, 32.4, 31.6, 32.2, 31.9, 32.6, 31.7);

        Assert.Equal([StatusLevel.Normal, StatusLevel.Warning], changes.Select(c => c.Change.Level));
    }

    [Fact]
    public void Critical_IsReachedDirectly_AndLoweredStepByStep()
    {
        var changes = Feed(Tracker(), 25, 39, 39, 35, 35, 30, 30);

        Assert.Equal([StatusLevel.Normal, StatusLevel.Critical, StatusLevel.Warning, StatusLevel.Normal], changes.Select(c => c.Change.Level));
        Assert.Equal((double?)38, changes[1].Change.Threshold);
    }

    [Fact]
    public void ColdSide_UsesTheBelowThresholds()
    {
        var changes = Feed(Tracker(0), 20, 11, 7, 12.2, 13); // 12.2 is above 12 but not clear of 12 × 1.03

        Assert.Equal([StatusLevel.Normal, StatusLevel.Warning, StatusLevel.Critical, StatusLevel.Warning, StatusLevel.Normal], changes.Select(c => c.Change.Level));
        Assert.Equal((7.0, (double?)8), (changes[2].Change.Value, changes[2].Change.Threshold));
    }

    [Fact]
    public void WithoutThresholds_TheStatusStaysUnknown()
    {
        var tracker = Tracker();

        Assert.Empty(Feed(tracker, null, 1000, 2000));
        Assert.Equal(StatusLevel.Unknown, tracker.Level);
    }

    [Fact]
    public void ThresholdTable_DefaultsCoverEverySensorType_AndEditsReplaceOnlyTheirKey()
    {
        var table = ThresholdTable.Defaults;
        var edited = table.With(Temperature with { WarningAbove = 30 });

        Assert.Equal(32, table.Find("production", "temperature_c")!.WarningAbove);
        Assert.Equal(30, edited.Find("production", "temperature_c")!.WarningAbove);
        Assert.Equal(table.Find("office", "humidity_pct"), edited.Find("office", "humidity_pct"));
        Assert.Null(edited.Without("production", "temperature_c").Find("production", "temperature_c"));
        Assert.All(new[] { "production", "office", "warehouse", "server_room" }, type => Assert.NotNull(table.Find(type, "temperature_c")));
    }
}
