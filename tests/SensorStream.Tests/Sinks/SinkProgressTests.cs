using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using SensorStream.Contracts.Kafka;
using SensorStream.Sinks;

namespace SensorStream.Tests.Sinks;

public sealed class SinkProgressTests
{
    [Fact]
    public void Progress_ReportsRowsPerTableSinceTheLastLine_WithTotals()
    {
        using var meter = new Meter("test-sink-progress-" + Guid.NewGuid());
        using var sink = new DatabaseSink(new KafkaOptions(), new SinkOptions(), NullLoggerFactory.Instance, meter);

        var empty = sink.Progress();
        sink.Counters.Committed("environment_readings", 1_500);
        sink.Counters.Committed("vibration_blocks", 20);
        sink.Counters.DeadLettered();
        var first = sink.Progress();
        var second = sink.Progress();

        Assert.StartsWith("no rows yet | 0 dead letters", empty);
        Assert.Matches(@"^environment_readings [\d,]+/s \(1,500\) \| vibration_blocks [\d,]+/s \(20\) \| 1 dead letters, 0 retries, 0 batches$", first);
        Assert.Contains("environment_readings 0/s (1,500)", second);
    }
}
