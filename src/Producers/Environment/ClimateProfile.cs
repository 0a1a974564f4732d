namespace SensorStream.Producers.Environment;

/// <summary>Typical indoor climate of a kind of place: mean temperature (°C), daily swing (± °C, warmest mid-afternoon) and mean relative humidity (%).</summary>
public sealed record ClimateProfile(double MeanTemperatureC, double DailySwingC, double MeanHumidityPct)
{
    /// <summary>Profiles for the built-in sensor types; unknown types use <c>office</c>.</summary>
    public static IReadOnlyDictionary<string, ClimateProfile> Defaults { get; } = new Dictionary<string, ClimateProfile>(StringComparer.OrdinalIgnoreCase)
    {
        ["production"] = new(26, 3.0, 50),
        ["office"] = new(22, 1.5, 45),
        ["warehouse"] = new(16, 4.0, 60),
        ["server_room"] = new(21, 0.5, 35),
    };

    /// <summary>The profile for <paramref name="sensorType"/>.</summary>
    public static ClimateProfile For(string sensorType) => Defaults.GetValueOrDefault(sensorType) ?? Defaults["office"];
}
