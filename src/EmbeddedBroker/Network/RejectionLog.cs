using Microsoft.Extensions.Logging;

namespace SensorStream.EmbeddedBroker.Network;

/// <summary>
/// Logs each refused request once, with the client's address and the reason — but at most
/// <see cref="MaxLinesPerWindow"/> lines per <see cref="Window"/>, so a client spraying garbage cannot flood
/// the log; the lines held back are counted and reported when the window ends.
/// </summary>
internal sealed partial class RejectionLog(ILogger logger, TimeProvider time)
{
    private const int MaxLinesPerWindow = 20;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _logged;
    private int _suppressed;

    public void Rejected(string clientHost, string reason)
    {
        int reportSuppressed;
        bool log;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            reportSuppressed = 0;
            if (now - _windowStart >= Window)
            {
                reportSuppressed = _suppressed;
                _windowStart = now;
                _logged = 0;
                _suppressed = 0;
            }
            log = _logged < MaxLinesPerWindow;
            if (log)
            {
                _logged++;
            }
            else
            {
                _suppressed++;
            }
        }
        if (reportSuppressed > 0)
        {
            LogSuppressed(logger, reportSuppressed, Window.TotalSeconds);
        }
        if (log)
        {
            LogRejected(logger, clientHost, reason);
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Closed connection from {ClientHost}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string clientHost, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Count} more rejected requests in the last {Seconds} s were not logged individually")]
    private static partial void LogSuppressed(ILogger logger, int count, double seconds);
}
