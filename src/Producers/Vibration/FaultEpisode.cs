using SensorStream.Contracts.Events;

namespace SensorStream.Producers.Vibration;

/// <summary>A stretch of event time during which a machine is in one condition at one severity (0.6–1.0 for faults).</summary>
public sealed record FaultEpisode(VibrationFault Fault, double Severity, DateTimeOffset Start, DateTimeOffset End);
