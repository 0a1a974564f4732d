using Microsoft.Extensions.Logging;
using SensorStream.Tests.Infrastructure;
using SensorStream.EmbeddedBroker.Network;

namespace SensorStream.Tests.EmbeddedBroker;

public sealed class RejectionLogTests
{
    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    [Fact]
    public void EachRejection_IsLoggedOnceWithTheClientAddress_UntilAFloodIsCapped()
    {
        var logger = new ListLogger();
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var log = new RejectionLog(logger, time);

        for (var i = 0; i < 100; i++)
        {
            log.Rejected("10.1.2.3", $"bad frame {i}");
        }
        time.Advance(TimeSpan.FromSeconds(11));
        log.Rejected("10.9.9.9", "later");

        Assert.Equal(22, logger.Lines.Count);
        Assert.All(logger.Lines.Take(20), l => Assert.Contains("10.1.2.3", l));
        Assert.Contains("80 more rejected requests", logger.Lines[20]);
        Assert.Contains("10.9.9.9: later", logger.Lines[21]);
    }
}
