using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Publishing;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.StreamProcessors.Processing;

/// <summary>Thresholds edited on config.thresholds take effect in a running processor without a restart.</summary>
public sealed class LiveThresholdTests : IAsyncLifetime
{
    private const string Sensor = "F1-B1-1F-L02-A1"; // a production sensor: warning above 32 °C by default
    private TestBroker _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    private void PublishMinutes(int fromMinute, int toMinute, double temperature) =>
        ProcessingHarness.Publish(_broker, Topics.SensorsEnvironment, Enumerable.Range(fromMinute * 6, (toMinute - fromMinute) * 6)
            .Select(i => new EnvironmentReading(Sensor, "F1-B1-1F-L02", EnvironmentExpectations.Start.AddSeconds(i * 10), temperature, 45, temperature))
            .Select(r => new OutgoingEvent<EnvironmentReading>(r.SensorId, r, r.EventTime, [])));

    private List<StatusChange> TemperatureChanges() =>
        [.. TopicReader.ReadAll(_broker.BootstrapServers, Topics.StatusChanges).Select(r => ProcessingHarness.Decode<StatusChange>(r.Value))
            .Where(s => s.EntityId == Sensor && s.Metric == "temperature_c").OrderBy(s => s.EventTime)];

    [Fact]
    public async Task AThresholdEdit_AppliesLive_AndTheStatusFollowsAfterTheDebounce()
    {
        PublishMinutes(0, 5, 35);
        await using var running = ProcessingHarness.Start(_broker, ProcessingHarness.FastOptions("threshold-test"));
        await TestTimeouts.WaitUntilAsync(() => TemperatureChanges().Count == 1, "the first status is reported", TimeSpan.FromSeconds(60));
        Assert.Equal((null, StatusLevel.Warning, (double?)32), (TemperatureChanges()[0].PreviousLevel, TemperatureChanges()[0].Level, TemperatureChanges()[0].Threshold));

        // The facility manager raises the production warning level to 36 °C (as LiveHub will publish it).
        var edit = new ThresholdConfig("production", "temperature_c", "degC", 36, 40, 12, 8, DateTimeOffset.UtcNow);
        ProcessingHarness.Publish(_broker, Topics.ConfigThresholds, [new OutgoingEvent<ThresholdConfig>("production/temperature_c", edit, edit.UpdatedAt, [])]);
        await Task.Delay(1_500, TestContext.Current.CancellationToken); // the feed follows the topic continuously
        PublishMinutes(5, 12, 34); // below the new warning level by more than the 3 % clearing margin

        await TestTimeouts.WaitUntilAsync(() => TemperatureChanges().Count == 2, "the status drops back to normal", TimeSpan.FromSeconds(60));
        var back = TemperatureChanges()[1];
        Assert.Equal((StatusLevel.Warning, StatusLevel.Normal), (back.PreviousLevel, back.Level));
        // Debounce: two minutes of normal windows after the edit took effect.
        Assert.True(back.EventTime >= EnvironmentExpectations.Start.AddMinutes(6), $"changed at {back.EventTime:HH:mm}");
        var windows = ProcessingHarness.FinalWindows(_broker);
        Assert.Equal(StatusLevel.Warning, windows[(Sensor, "temperature_c", EnvironmentExpectations.Start.AddMinutes(2), EnvironmentExpectations.Start.AddMinutes(3))].Status);
        Assert.Equal(StatusLevel.Normal, windows[(Sensor, "temperature_c", EnvironmentExpectations.Start.AddMinutes(9), EnvironmentExpectations.Start.AddMinutes(10))].Status);
    }
}
