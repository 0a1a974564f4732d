namespace SensorStream.Storage.Queries;

/// <summary>
/// One point of a downsampled series: the samples of one time bucket summarised, so a peak inside a bucket still shows
/// (as its <see cref="Max"/>) however far the series was reduced.
/// </summary>
/// <param name="Time">Bucket start, UTC (the sample's own time when a bucket holds one sample).</param>
/// <param name="Count">Samples in the bucket.</param>
/// <param name="Min">Smallest sample, g.</param>
/// <param name="Max">Largest sample, g.</param>
/// <param name="Avg">Mean sample, g.</param>
public sealed record SeriesPoint(DateTimeOffset Time, long Count, double Min, double Max, double Avg);
