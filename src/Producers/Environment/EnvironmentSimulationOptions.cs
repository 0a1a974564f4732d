namespace SensorStream.Producers.Environment;

/// <summary>
/// The environment feed's shape (configuration section <c>Simulation:Environment</c>). Defaults: every sensor of the
/// location tree reads every 10 s; each location has about two temperature excursions (+5…+12 °C, 20–60 min) a day;
/// each sensor drops out about once every two days for 5–60 min; 1 % of readings arrive out of order (1–30 s late)
/// and 0.2 % arrive late (2–15 min).
/// </summary>
public sealed class EnvironmentSimulationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Simulation:Environment";

    /// <summary>A locations CSV replacing the built-in tree, or null. See <c>LocationTree</c>.</summary>
    public string? LocationsFile { get; set; }

    /// <summary>Time between two readings of one sensor (event time). Default 10 s.</summary>
    public TimeSpan ReadingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Mean temperature excursions per location per day. Default 2.</summary>
    public double ExcursionsPerDay { get; set; } = 2;

    /// <summary>Mean dropouts per sensor per day. Default 0.5.</summary>
    public double DropoutsPerDay { get; set; } = 0.5;

    /// <summary>Share of readings delivered 1–30 s late, i.e. out of order (0–1). Default 0.01.</summary>
    public double OutOfOrderRate { get; set; } = 0.01;

    /// <summary>Share of readings delivered 2–15 minutes late (0–1). Default 0.002.</summary>
    public double LateRate { get; set; } = 0.002;

    /// <summary>Standard deviation of temperature sensor noise, °C. Default 0.1.</summary>
    public double TemperatureNoiseC { get; set; } = 0.1;
}
