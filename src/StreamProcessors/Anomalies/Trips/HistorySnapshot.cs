namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>What a truck's history says is normal, fixed for the scoring of one row's hundreds of hypotheses.</summary>
/// <param name="KmPerLitre">Band of ln(km / litre).</param>
/// <param name="PricePerLitre">Band of ln(cost / litre).</param>
/// <param name="Revenue">Revenue against km.</param>
/// <param name="PriceGridShare">Share of receipts fitting the pump-price grid, or null while not established.</param>
/// <param name="Gaps">Distances between trips.</param>
internal readonly record struct HistorySnapshot(PlausibleBand KmPerLitre, PlausibleBand PricePerLitre, RevenueFit Revenue, double? PriceGridShare, GapModel Gaps);
