namespace SensorStream.StreamProcessors.Runtime;

/// <summary>Checks shared by every processor's input validation.</summary>
internal static class EventValidation
{
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead of the wall clock an event time may be (clock skew); later ones would hold the watermark hostage.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromDays(1);

    /// <summary>Why <paramref name="eventTime"/> is not plausible, or null.</summary>
    public static string? EventTimeProblem(DateTimeOffset eventTime, DateTimeOffset now) =>
        eventTime < Earliest || eventTime > now + MaxFutureSkew
            ? $"event time {eventTime:O} is outside {Earliest:yyyy-MM-dd} … now + {MaxFutureSkew.TotalHours:0} h"
            : null;

    /// <summary>Why <paramref name="value"/> is not a finite number within [<paramref name="min"/>, <paramref name="max"/>], or null.</summary>
    public static string? RangeProblem(string name, double value, double min, double max) =>
        double.IsFinite(value) && value >= min && value <= max ? null : $"{name} {value} is outside {min} … {max}";
}
