namespace SensorStream.StreamProcessors.Faults;

/// <summary>
/// What one sensor's vibration looked like over one window: time-domain statistics of its finite samples, and the
/// amplitudes of the orders of running speed that vibration analysis reads faults from.
/// </summary>
/// <param name="BlockCount">Blocks that contributed.</param>
/// <param name="SampleCount">Finite samples used.</param>
/// <param name="ExcludedSampleCount">NaN or infinite samples dropped.</param>
/// <param name="SampleRateHz">Sample rate, Hz.</param>
/// <param name="RmsG">RMS about the window mean, g (a sensor's DC bias is not vibration).</param>
/// <param name="PeakG">Largest |x − mean|, g.</param>
/// <param name="CrestFactor">Peak / RMS (√2 for a sine); 0 for a window without variation.</param>
/// <param name="Kurtosis">Fourth central moment / variance² (1.5 for a sine, 3 for Gaussian noise, higher for impacts); 0 for a window without variation.</param>
/// <param name="ShaftSpeedRpm">Running speed used for the orders, rpm: the blocks' mean reported speed, or the estimate.</param>
/// <param name="ShaftSpeedEstimated">True when no block reported a speed and it was estimated from the spectrum.</param>
/// <param name="HalfOrderG">Amplitude at 0.5×, g.</param>
/// <param name="OneXG">Amplitude at 1×, g.</param>
/// <param name="OneAndHalfOrderG">Amplitude at 1.5×, g.</param>
/// <param name="TwoXG">Amplitude at 2×, g.</param>
/// <param name="TwoAndHalfOrderG">Amplitude at 2.5×, g.</param>
/// <param name="ThreeXG">Amplitude at 3×, g.</param>
/// <param name="FourToSixXG">Root of the summed power at 4×, 5× and 6×, g.</param>
/// <param name="DominantFrequencyHz">Frequency of the strongest spectral peak above DC, Hz.</param>
/// <param name="FftLength">Samples per FFT segment.</param>
/// <param name="SpectraAveraged">FFT segments averaged.</param>
internal sealed record VibrationFeatures(
    int BlockCount,
    int SampleCount,
    int ExcludedSampleCount,
    double SampleRateHz,
    double RmsG,
    double PeakG,
    double CrestFactor,
    double Kurtosis,
    double ShaftSpeedRpm,
    bool ShaftSpeedEstimated,
    double HalfOrderG,
    double OneXG,
    double OneAndHalfOrderG,
    double TwoXG,
    double TwoAndHalfOrderG,
    double ThreeXG,
    double FourToSixXG,
    double DominantFrequencyHz,
    int FftLength,
    int SpectraAveraged)
{
    /// <summary>Running speed, Hz (the 1× frequency).</summary>
    public double ShaftHz => ShaftSpeedRpm / 60;

    /// <summary>Frequency resolution of the spectrum, Hz.</summary>
    public double BinHz => SampleRateHz / FftLength;

    /// <summary>Root of the summed power at the half orders 0.5×, 1.5× and 2.5×, g: the looseness sub-harmonics.</summary>
    public double HalfOrdersG => Math.Sqrt((HalfOrderG * HalfOrderG) + (OneAndHalfOrderG * OneAndHalfOrderG) + (TwoAndHalfOrderG * TwoAndHalfOrderG));

    /// <summary>Root of the summed power at 2×…6×, g: the looseness harmonic train.</summary>
    public double HarmonicsG => Math.Sqrt((TwoXG * TwoXG) + (ThreeXG * ThreeXG) + (FourToSixXG * FourToSixXG));
}
