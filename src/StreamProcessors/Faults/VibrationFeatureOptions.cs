namespace SensorStream.StreamProcessors.Faults;

/// <summary>How <see cref="VibrationFeatureExtractor"/> takes spectra and looks for the running speed.</summary>
internal sealed class VibrationFeatureOptions
{
    /// <summary>
    /// Longest FFT segment, samples (a power of two). Default 4 096: 0.625 Hz bins at 2 560 Hz, so the half orders of a
    /// 1 200 rpm shaft sit 16 bins from its tones, and a 10 s window still averages a dozen segments.
    /// </summary>
    public int MaxFftLength { get; set; } = 4096;

    /// <summary>Shortest FFT segment, samples; a window without this many contiguous finite samples is rejected. Default 16.</summary>
    public int MinFftLength { get; set; } = 16;

    /// <summary>Lowest running speed considered when blocks carry no shaft speed, rpm. Default 300.</summary>
    public double MinShaftSpeedRpm { get; set; } = 300;

    /// <summary>Highest running speed considered when blocks carry no shaft speed, rpm. Default 6 000.</summary>
    public double MaxShaftSpeedRpm { get; set; } = 6000;
}
