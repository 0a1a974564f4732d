using Microsoft.Extensions.Logging;

namespace SensorStream.Sinks.Hosting;

internal sealed partial class SinkHost
{
    [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "Sink: writing {Records} records failed (attempt {Attempt}); consumption paused, retrying in {DelayMs} ms: {Error}")]
    private static partial void LogWriteFailed(ILogger logger, int records, int attempt, double delayMs, string error);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Information, Message = "Sink: database writable again after {Attempts} failed attempts; consumption resumed")]
    private static partial void LogRecovered(ILogger logger, int attempts);

    [LoggerMessage(EventId = 6107, Level = LogLevel.Warning, Message = "Sink: Kafka commit failed ({Reason}); the database has the batch, a restart re-reads and upserts it")]
    private static partial void LogCommitFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6108, Level = LogLevel.Warning, Message = "Sink: {Records} records could not be written before their partitions were released; they will be read again")]
    private static partial void LogDiscarded(ILogger logger, int records);

    [LoggerMessage(EventId = 6109, Level = LogLevel.Information, Message = "Sink: created {Count} partitions ahead")]
    private static partial void LogPartitionsCreated(ILogger logger, int count);

    [LoggerMessage(EventId = 6110, Level = LogLevel.Warning, Message = "Sink: partition maintenance failed, retried next interval: {Error}")]
    private static partial void LogMaintenanceFailed(ILogger logger, string error);
}
