using SensorStream.Contracts;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.StreamProcessors.Processing;

/// <summary>Two processor instances in one group split the partitions; rebalances hand state over without loss or double counting.</summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task TwoInstances_JoiningAndLeavingMidStream_GiveTheSameWindowsAsOne()
    {
        var (data, flush) = EnvironmentExpectations.Readings(seed: 33, minutes: 8);
        var expected = EnvironmentExpectations.Windows(data.Select(d => d.Value));
        var options = ProcessingHarness.FastOptions("scale-test");
        var third = data.Count / 3;

        ProcessingHarness.Publish(_broker, Topics.SensorsEnvironment, data.Take(third));
        var first = ProcessingHarness.Start(_broker, options);
        await Task.Delay(3_000, TestContext.Current.CancellationToken);
        await using (ProcessingHarness.Start(_broker, options))
        {
            ProcessingHarness.Publish(_broker, Topics.SensorsEnvironment, data.Skip(third).Take(third));
            await Task.Delay(4_000, TestContext.Current.CancellationToken);
            // The first instance leaves: its partitions (and their open windows) move to the second by replay.
            await first.DisposeAsync();
            ProcessingHarness.Publish(_broker, Topics.SensorsEnvironment, data.Skip(2 * third).Concat(flush));
            var actual = await ProcessingHarness.WaitForWindowsAsync(_broker, expected.Count, TimeSpan.FromSeconds(120));

            foreach (var ((entity, metric, start), e) in expected)
            {
                var w = actual[(entity, metric, start, start.AddMinutes(1))];
                Assert.True((e.Count, e.Min, e.Max) == (w.Count, w.Min, w.Max), $"{entity} {metric} {start:HH:mm}: expected {e.Count}/{e.Min}/{e.Max}, got {w.Count}/{w.Min}/{w.Max}");
                Assert.Equal(e.Avg, w.Avg, 9);
            }
        }
    }
}
