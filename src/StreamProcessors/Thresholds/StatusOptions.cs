namespace SensorStream.StreamProcessors.Thresholds;

/// <summary>
/// How threshold status changes: a new level must hold for <see cref="MinDuration"/> of event time before it is
/// taken (debounce), and a value must clear a threshold by <see cref="ClearMarginFraction"/> of it before the level
/// drops back (hysteresis), so a reading hovering at a threshold does not flap.
/// </summary>
public sealed class StatusOptions
{
    /// <summary>How long a new level must persist before it is reported. Default 2 minutes.</summary>
    public TimeSpan MinDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Margin by which a value must clear a threshold to lower the level, as a fraction of the threshold. Default 0.03.</summary>
    public double ClearMarginFraction { get; set; } = 0.03;
}
