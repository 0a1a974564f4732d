using SensorStream.Contracts.Events;

namespace SensorStream.Producers.Vibration;

/// <summary>
/// When one machine is healthy and when it is faulty: alternating episodes with exponentially distributed lengths
/// (at least 10 s), each fault one of the three classes with equal probability. Deterministic for its seed, and
/// generated lazily so an endless run needs constant memory.
/// </summary>
internal sealed class FaultSchedule
{
    private static readonly VibrationFault[] Faults = [VibrationFault.MassUnbalance, VibrationFault.SupportLooseness, VibrationFault.UnbalanceAndLooseness];
    private static readonly TimeSpan ShortestEpisode = TimeSpan.FromSeconds(10);

    private readonly Random _random;
    private readonly VibrationSimulationOptions _options;
    private readonly VibrationFault? _fixed;
    private FaultEpisode _current;

    public FaultSchedule(int seed, DateTimeOffset start, VibrationSimulationOptions options, VibrationFault? fixedFault)
    {
        _random = new Random(seed);
        _options = options;
        _fixed = fixedFault;
        _current = fixedFault is { } f
            ? new FaultEpisode(f, f == VibrationFault.Normal ? 0 : 0.8, start, DateTimeOffset.MaxValue)
            : new FaultEpisode(VibrationFault.Normal, 0, start, start + Length(options.MeanHealthyDuration));
    }

    /// <summary>The episode covering <paramref name="time"/>; times must not go backwards between calls.</summary>
    public FaultEpisode At(DateTimeOffset time)
    {
        while (_fixed is null && time >= _current.End)
        {
            var healthyNext = _current.Fault != VibrationFault.Normal;
            _current = healthyNext
                ? new FaultEpisode(VibrationFault.Normal, 0, _current.End, _current.End + Length(_options.MeanHealthyDuration))
                : new FaultEpisode(Faults[_random.Next(Faults.Length)], 0.6 + (0.4 * _random.NextDouble()), _current.End, _current.End + Length(_options.MeanFaultDuration));
        }
        return _current;
    }

    private TimeSpan Length(TimeSpan mean)
    {
        var exponential = -Math.Log(1 - _random.NextDouble()) * mean.TotalSeconds;
        return TimeSpan.FromSeconds(Math.Max(ShortestEpisode.TotalSeconds, exponential));
    }
}
