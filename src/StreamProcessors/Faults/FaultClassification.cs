using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Faults;

/// <summary>The condition a window's vibration points to.</summary>
/// <param name="Fault">Normal, mass unbalance, support looseness or both; never <see cref="VibrationFault.Unknown"/>.</param>
/// <param name="Confidence">Probability the model gives this class, 0..1.</param>
/// <param name="Drivers">Short readable statements of the features and values that decided it, strongest first.</param>
internal sealed record FaultClassification(VibrationFault Fault, double Confidence, IReadOnlyList<string> Drivers);
