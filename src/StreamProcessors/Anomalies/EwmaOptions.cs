namespace SensorStream.StreamProcessors.Anomalies;

/// <summary>
/// The statistical anomaly detector: an exponentially weighted mean and variance per sensor and metric, flagging a
/// reading whose z-score exceeds <see cref="Threshold"/> once <see cref="WarmUp"/> readings have been seen.
/// </summary>
public sealed class EwmaOptions
{
    /// <summary>Weight of each new reading (0–1); 0.05 remembers about the last 40 readings. Default 0.05.</summary>
    public double Alpha { get; set; } = 0.05;

    /// <summary>Readings seen before anything is flagged. Default 30.</summary>
    public int WarmUp { get; set; } = 30;

    /// <summary>|z| above which a reading is an anomaly. Default 5.</summary>
    public double Threshold { get; set; } = 5;

    /// <summary>Smallest standard deviation assumed, in the metric's unit, so a perfectly flat signal does not flag noise. Default 0.05.</summary>
    public double MinimumStandardDeviation { get; set; } = 0.05;
}
