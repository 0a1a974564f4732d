namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>One possible odometer reading at the end of the truck's last trip.</summary>
/// <param name="EndKm">The reading, km.</param>
/// <param name="Hops">Trips since a logged reading: 1 when the last trip had one, more after trips logged by distance only (each may hide an unlogged drive).</param>
/// <param name="Weight">Probability of this reading, given the rows up to the last one.</param>
internal readonly record struct OdometerReading(double EndKm, int Hops, double Weight);
