namespace SensorStream.Contracts.Events;

/// <summary>
/// Fault classification of one machine sensor over one event-time window (<c>sensorstream.v1.VibrationDiagnosis</c>, topic
/// <c>diagnoses.vibration</c>, key = sensor id).
/// </summary>
/// <param name="MachineId">Machine identifier.</param>
/// <param name="SensorId">Sensor identifier.</param>
/// <param name="WindowStart">Window start (inclusive), UTC.</param>
/// <param name="WindowEnd">Window end (exclusive), UTC.</param>
/// <param name="Fault">Most likely condition.</param>
/// <param name="Confidence">Classifier confidence, 0..1.</param>
/// <param name="RmsG">RMS acceleration over the window, g.</param>
/// <param name="PeakG">Largest absolute acceleration over the window, g.</param>
/// <param name="DominantFrequencyHz">Frequency of the largest spectral peak, Hz, or null.</param>
/// <param name="ShaftSpeedRpm">Shaft speed, rpm, or null when unknown.</param>
/// <param name="BlockCount">Vibration blocks in the window.</param>
/// <param name="CrestFactor">Peak ÷ RMS (dimensionless), or null in version-1 data.</param>
/// <param name="Kurtosis">Fourth standardised moment (3 for Gaussian noise), or null.</param>
/// <param name="AmplitudeHalfXG">Spectral amplitude at 0.5× running speed, g, or null.</param>
/// <param name="Amplitude1xG">Spectral amplitude at 1× running speed, g, or null.</param>
/// <param name="Amplitude2xG">Spectral amplitude at 2× running speed, g, or null.</param>
/// <param name="Amplitude3xG">Spectral amplitude at 3× running speed, g, or null.</param>
/// <param name="Drivers">The features that decided <paramref name="Fault"/>, most important first; null reads as none.</param>
public sealed partial record VibrationDiagnosis(
    string MachineId,
    string SensorId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    VibrationFault Fault,
    double Confidence,
    double RmsG,
    double PeakG,
    double? DominantFrequencyHz,
    double? ShaftSpeedRpm,
    int BlockCount,
    double? CrestFactor = null,
    double? Kurtosis = null,
    double? AmplitudeHalfXG = null,
    double? Amplitude1xG = null,
    double? Amplitude2xG = null,
    double? Amplitude3xG = null,
    IReadOnlyList<string>? Drivers = null);
