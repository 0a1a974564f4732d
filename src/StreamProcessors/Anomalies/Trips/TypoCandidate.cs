using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>A value the person may have meant, and how they would have mistyped it into what was entered.</summary>
/// <param name="Field">The field concerned.</param>
/// <param name="Kind">The mistake that turns <paramref name="Value"/> into the entered value.</param>
/// <param name="Value">The value meant.</param>
/// <param name="LogChance">Natural log of the chance that this mistake, made on <paramref name="Value"/>, types exactly the entered value.</param>
internal readonly record struct TypoCandidate(TripField Field, AnomalyKind Kind, double Value, double LogChance);
