using Microsoft.Extensions.Logging;

namespace SensorStream.StreamProcessors.Vibration;

/// <summary>Log messages of the vibration processor.</summary>
internal static partial class VibrationLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Window {Entity} at {WindowStart:O} cannot be diagnosed: {Reason}")]
    public static partial void LogUndiagnosableWindow(this ILogger logger, string entity, DateTimeOffset windowStart, string reason);
}
