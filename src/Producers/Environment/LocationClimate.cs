namespace SensorStream.Producers.Environment;

/// <summary>
/// The evolving climate of one location: a fixed offset from its profile, a slow random drift, and temperature
/// excursions (an HVAC failure, an oven door left open) arriving as a Poisson process. Advanced in event-time order.
/// </summary>
internal sealed class LocationClimate(ClimateProfile profile, EnvironmentSimulationOptions options, Random random)
{
    private readonly double _offsetC = Gaussian(random) * 1.0;
    private double _driftC;
    private DateTimeOffset _excursionStart = DateTimeOffset.MinValue;
    private DateTimeOffset _excursionEnd = DateTimeOffset.MinValue;
    private double _excursionPeakC;
    private DateTimeOffset _lastUpdate = DateTimeOffset.MinValue;

    public ClimateProfile Profile { get; } = profile;

    /// <summary>The location's air temperature at <paramref name="time"/> before sensor noise, °C, and whether an excursion is under way.</summary>
    public (double TemperatureC, bool InExcursion) At(DateTimeOffset time)
    {
        if (_lastUpdate == DateTimeOffset.MinValue)
        {
            _excursionStart = time + NextGap(options.ExcursionsPerDay);
        }
        else if (time > _lastUpdate)
        {
            // AR(1) drift with a time constant of about an hour.
            var dt = (time - _lastUpdate).TotalSeconds;
            var keep = Math.Exp(-dt / 3600);
            _driftC = (_driftC * keep) + (Gaussian(random) * 0.6 * Math.Sqrt(1 - (keep * keep)));
        }
        _lastUpdate = time;
        if (time >= _excursionStart && _excursionEnd < _excursionStart)
        {
            _excursionEnd = _excursionStart + TimeSpan.FromMinutes(20 + (40 * random.NextDouble()));
            _excursionPeakC = 5 + (7 * random.NextDouble());
        }
        var excursion = 0.0;
        var inExcursion = time >= _excursionStart && time < _excursionEnd;
        if (inExcursion)
        {
            // Ramp up over the first quarter, hold, ramp down over the last quarter.
            var progress = (time - _excursionStart) / (_excursionEnd - _excursionStart);
            excursion = _excursionPeakC * Math.Min(1, Math.Min(progress, 1 - progress) * 4);
        }
        else if (time >= _excursionEnd && _excursionEnd >= _excursionStart)
        {
            _excursionStart = time + NextGap(options.ExcursionsPerDay);
        }
        var hour = time.UtcDateTime.TimeOfDay.TotalHours;
        var daily = Profile.DailySwingC * Math.Cos(2 * Math.PI * (hour - 15) / 24);
        return (Profile.MeanTemperatureC + _offsetC + _driftC + daily + excursion, inExcursion);
    }

    private TimeSpan NextGap(double perDay) =>
        perDay <= 0 ? TimeSpan.FromDays(36500) : TimeSpan.FromDays(-Math.Log(1 - random.NextDouble()) / perDay);

    internal static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
