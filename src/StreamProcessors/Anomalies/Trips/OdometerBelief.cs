namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// Where the truck's odometer stood after its last decided trip: a few weighted readings rather than one, so that when
/// a mistake in that row could not be pinned down, the next row is judged against every reading still plausible
/// instead of inheriting an unresolved doubt as a certainty.
/// </summary>
internal sealed class OdometerBelief
{
    private const int MaxReadings = 8;
    private const double MinWeight = 1e-9;
    private readonly OdometerReading[] _readings;

    private OdometerBelief(OdometerReading[] readings) => _readings = readings;

    /// <summary>Nothing known (first row of a truck, or rows without odometer or distance).</summary>
    public static OdometerBelief None { get; } = new([]);

    /// <summary>The readings, most probable first.</summary>
    public IReadOnlyList<OdometerReading> Readings => _readings;

    /// <summary>The most probable reading, if any.</summary>
    public OdometerReading? Best => _readings.Length > 0 ? _readings[0] : null;

    /// <summary>Log probability that the next trip starts at <paramref name="startKm"/> (0 when either is unknown).</summary>
    public double LogLikelihoodOfStart(double? startKm, GapModel gaps)
    {
        if (startKm is not { } start || _readings.Length == 0)
        {
            return 0;
        }
        var sum = 0.0;
        foreach (var r in _readings)
        {
            sum += r.Weight * gaps.Mass(start - r.EndKm, r.Hops);
        }
        return Math.Log(sum);
    }

    /// <summary>
    /// For a trip logged by distance only: log probability of the later rows' <paramref name="forecasts"/> if it drove
    /// <paramref name="tripKm"/> from where the odometer stood (0 when nothing is known of where it stood).
    /// </summary>
    public double LogLikelihoodOfForecasts(StartForecasts forecasts, double tripKm, GapModel gaps)
    {
        if (_readings.Length == 0)
        {
            return 0;
        }
        var sum = 0.0;
        foreach (var r in _readings)
        {
            sum += r.Weight * Math.Exp(forecasts.LogLikelihoodOfEnd(r.EndKm + tripKm, r.Hops, gaps));
        }
        return Math.Log(sum);
    }

    /// <summary>A belief from weighted readings (weights need not be normalised); equal readings merge, the weakest are dropped.</summary>
    public static OdometerBelief From(IEnumerable<OdometerReading> readings)
    {
        var merged = new Dictionary<(double, int), double>();
        var total = 0.0;
        foreach (var r in readings)
        {
            if (r.Weight > 0 && double.IsFinite(r.EndKm))
            {
                merged[(r.EndKm, r.Hops)] = merged.GetValueOrDefault((r.EndKm, r.Hops)) + r.Weight;
                total += r.Weight;
            }
        }
        if (total <= 0)
        {
            return None;
        }
        var kept = merged
            .Select(m => new OdometerReading(m.Key.Item1, m.Key.Item2, m.Value / total))
            .Where(r => r.Weight >= MinWeight)
            .OrderByDescending(r => r.Weight).ThenBy(r => r.EndKm).ThenBy(r => r.Hops)
            .Take(MaxReadings)
            .ToArray();
        var keptTotal = kept.Sum(r => r.Weight);
        return new OdometerBelief([.. kept.Select(r => r with { Weight = r.Weight / keptTotal })]);
    }

    /// <summary>The belief after a trip logged by distance only, each distance with its probability.</summary>
    public OdometerBelief Advance(IEnumerable<(double Km, double Weight)> distances)
    {
        var list = distances.ToList();
        return From(_readings.SelectMany(r => list.Select(d => new OdometerReading(r.EndKm + d.Km, r.Hops + 1, r.Weight * d.Weight))));
    }
}
