namespace SensorStream.Producers.Vibration;

/// <summary>A simulated rotating machine.</summary>
/// <param name="MachineId">Machine id, e.g. <c>g1</c>.</param>
/// <param name="ShaftSpeedRpm">Running speed in revolutions per minute.</param>
public sealed record MachineProfile(string MachineId, double ShaftSpeedRpm)
{
    /// <summary>Running speed in Hz (the 1× frequency).</summary>
    public double ShaftHz => ShaftSpeedRpm / 60.0;
}
