using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Environment;

/// <summary>The metrics taken from an environment reading, by their names on <c>metrics.windows</c>.</summary>
internal static class EnvironmentMetrics
{
    public const string Temperature = "temperature_c";
    public const string Humidity = "humidity_pct";
    public const string PerceivedTemperature = "perceived_temperature_c";

    /// <summary>The reading's values; perceived temperature only when reported.</summary>
    public static IEnumerable<(string Metric, double Value)> Of(EnvironmentReading reading)
    {
        yield return (Temperature, reading.TemperatureC);
        yield return (Humidity, reading.HumidityPct);
        if (reading.PerceivedTemperatureC is { } perceived)
        {
            yield return (PerceivedTemperature, perceived);
        }
    }
}
