using Microsoft.Extensions.Logging;

namespace SensorStream.ServiceDefaults.Logging;

/// <summary>Console logging for the command-line services: one line per event, UTC timestamps, on standard error.</summary>
public static class ConsoleLogging
{
    /// <summary>Creates a logger factory writing events at <paramref name="minimumLevel"/> and above to standard error.</summary>
    public static ILoggerFactory Create(LogLevel minimumLevel) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(minimumLevel)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        })
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
}
