using SensorStream.StreamProcessors.Anomalies;
using SensorStream.StreamProcessors.Runtime;
using SensorStream.StreamProcessors.Thresholds;
using SensorStream.StreamProcessors.Trips;
using SensorStream.StreamProcessors.Windows;

namespace SensorStream.StreamProcessors;

/// <summary>Settings of <c>sensorstream process</c> (configuration section <c>Processors</c>). Every default works on the embedded stack.</summary>
public sealed class ProcessingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Processors";

    /// <summary>Prefix of the consumer groups: <c>{prefix}-environment</c>, <c>-rollup</c>, <c>-vibration</c>, <c>-trips</c>. Default <c>sensorstream-processors</c>.</summary>
    public string GroupPrefix { get; set; } = "sensorstream-processors";

    /// <summary>Names of every processor, in the order they start.</summary>
    public static IReadOnlyList<string> AllProcessors { get; } = ["environment", "rollup", "vibration", "trips"];

    /// <summary>
    /// Which processors this instance runs (any of <c>environment</c>, <c>rollup</c>, <c>vibration</c>, <c>trips</c>),
    /// e.g. to give vibration diagnosis a machine of its own. Default: all four.
    /// </summary>
    public List<string> Run { get; set; } = [.. AllProcessors];

    /// <summary>Consuming, committing and buffering.</summary>
    public HostOptions Host { get; set; } = new();

    /// <summary>Environment readings.</summary>
    public EnvironmentProcessingOptions Environment { get; set; } = new();

    /// <summary>Vibration blocks.</summary>
    public VibrationProcessingOptions Vibration { get; set; } = new();

    /// <summary>Trip log checking.</summary>
    public TripsProcessingOptions Trips { get; set; } = new();

    /// <summary>Threshold status: debounce and hysteresis.</summary>
    public StatusOptions Status { get; set; } = new();

    /// <summary>Statistical anomalies.</summary>
    public EwmaOptions Anomalies { get; set; } = new();

    /// <summary>A locations CSV replacing the built-in tree (sensor → location → floor → building → factory), or null.</summary>
    public string? LocationsFile { get; set; }

    /// <summary>Checks values the binder cannot; returns the problems.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var window in Environment.Windows.Append(Vibration.Window))
        {
            try
            {
                WindowSpec.Parse(window);
            }
            catch (FormatException e)
            {
                problems.Add($"Processors: {e.Message}");
            }
        }
        if (Environment.RollupHeartbeat <= TimeSpan.Zero)
        {
            problems.Add("Processors: Environment:RollupHeartbeat must be positive");
        }
        if (Environment.Windows.Count == 0)
        {
            problems.Add("Processors: Environment:Windows needs at least one window");
        }
        if (Run.Count == 0)
        {
            problems.Add("Processors: Run names no processor");
        }
        problems.AddRange(Run.Where(name => !AllProcessors.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Select(name => $"Processors: Run: unknown processor '{name}' (known: {string.Join(", ", AllProcessors)})"));
        problems.AddRange(Trips.Problems());
        problems.AddRange(Host.Retry.Problems("Processors: Host"));
        if (Anomalies.Alpha is <= 0 or >= 1)
        {
            problems.Add("Processors: Anomalies:Alpha must be between 0 and 1");
        }
        return problems;
    }
}

/// <summary>Windows and timing of the environment processor.</summary>
public sealed class EnvironmentProcessingOptions
{
    /// <summary>Window shapes per sensor and every level above it (<c>1m</c>, <c>1h</c>, <c>5m/1m</c>…); status is evaluated on the first. Default 1m and 1h.</summary>
    public List<string> Windows { get; set; } = ["1m", "1h"];

    /// <summary>Watermark and lateness. Defaults: 35 s out of order, 1 min allowed lateness, 15 min late retention, 30 s idle timeout.</summary>
    public WindowingOptions Windowing { get; set; } = new();

    /// <summary>
    /// How often (wall clock) each environment partition sends its watermark to every rollup partition, so location
    /// windows close even where none of its sensors report. Default 5 s.
    /// </summary>
    public TimeSpan RollupHeartbeat { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Windows and timing of the vibration processor.</summary>
public sealed class VibrationProcessingOptions
{
    /// <summary>Window per machine sensor, for statistics and fault diagnosis. Default 10 s.</summary>
    public string Window { get; set; } = "10s";

    /// <summary>Watermark and lateness. Defaults: 5 s out of order, 5 s allowed lateness, 1 min late retention, 30 s idle timeout.</summary>
    public WindowingOptions Windowing { get; set; } = new()
    {
        OutOfOrderness = TimeSpan.FromSeconds(5),
        AllowedLateness = TimeSpan.FromSeconds(5),
        LateRetention = TimeSpan.FromMinutes(1),
    };
}
