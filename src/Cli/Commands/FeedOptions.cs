using System.CommandLine;
using System.Globalization;

namespace SensorStream.Cli.Commands;

/// <summary>Options shared by every <c>produce</c> feed: rate, stopping condition, seed and start time.</summary>
internal sealed class FeedOptions
{
    public Option<double?> Rate { get; } = new("--rate") { Description = "Events per second (0 = as fast as possible). Default: the feed's real-time rate." };

    public Option<TimeSpan?> Duration { get; } = new("--duration") { Description = "Stop after this long (90s, 5m, 1h…).", CustomParser = DurationParser.Parse };

    public Option<long?> Count { get; } = new("--count") { Description = "Stop after this many events." };

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed: the same seed and --start give the same events. Default 42.", DefaultValueFactory = _ => 42 };

    public Option<DateTimeOffset?> Start { get; } = new("--start")
    {
        Description = "Event time of the first event (ISO 8601, UTC if no offset). Default: now at the feed's real-time rate; " +
            "faster, far enough back that --count (or --rate × --duration) events end by now, else a day back (trips: a year). Events never go out ahead of now.",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Rate, Duration, Count, Seed, Start })
        {
            command.Options.Add(option);
        }
        command.Validators.Add(result =>
        {
            if (result.GetResult(Duration) is not null && result.GetResult(Count) is not null)
            {
                result.AddError("--duration and --count cannot be combined; give one of them (or neither to run until Ctrl+C)");
            }
            if (result.GetValue(Rate) is < 0)
            {
                result.AddError("--rate must be 0 (as fast as possible) or positive");
            }
            if (result.GetValue(Count) is <= 0)
            {
                result.AddError("--count must be positive");
            }
        });
    }

    public static string Format(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);
}
