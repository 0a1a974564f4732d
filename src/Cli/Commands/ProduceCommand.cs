using System.CommandLine;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.Locations;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.Producers.Environment;
using SensorStream.Producers.Publishing;
using SensorStream.Producers.Simulation;
using SensorStream.Producers.Trips;
using SensorStream.Producers.Vibration;
using SensorStream.ServiceDefaults.Configuration;
using SensorStream.ServiceDefaults.Logging;

namespace SensorStream.Cli.Commands;

/// <summary><c>sensorstream produce vibration|environment|trips</c>: run a simulated feed into Kafka.</summary>
internal static class ProduceCommand
{
    public static Command Create()
    {
        var produce = new Command("produce", "Publish a simulated feed (vibration, environment or trips) to Kafka.");
        produce.Subcommands.Add(Vibration());
        produce.Subcommands.Add(Environment());
        produce.Subcommands.Add(Trips());
        return produce;
    }

    private static Command Vibration()
    {
        var noise = new Option<double?>("--noise") { Description = "Sensor noise standard deviation, g. Default 0.03." };
        var faults = new Option<string[]>("--fault") { Description = "Hold a machine in one condition, e.g. --fault g1=MassUnbalance (Normal, MassUnbalance, SupportLooseness, UnbalanceAndLooseness).", AllowMultipleArgumentsPerToken = false };
        return Feed("vibration", $"Rotating-machine vibration blocks to {Topics.SensorsVibration}, keyed machine/sensor, true condition in the truth-fault header.",
            [noise, faults], (parse, configuration, seed) =>
            {
                var options = SensorStreamConfiguration.Bind<VibrationSimulationOptions>(configuration, VibrationSimulationOptions.SectionName);
                options.NoiseG = parse.GetValue(noise) ?? options.NoiseG;
                foreach (var fault in parse.GetValue(faults) ?? [])
                {
                    var parts = fault.Split('=', 2);
                    if (parts.Length != 2 || !Enum.TryParse<VibrationFault>(parts[1], ignoreCase: true, out var value) || value == VibrationFault.Unknown)
                    {
                        throw new FormatException($"--fault '{fault}' is not machine=Condition (Normal, MassUnbalance, SupportLooseness, UnbalanceAndLooseness)");
                    }
                    options.FixedFaults[parts[0]] = value;
                }
                return new FeedPlan<VibrationBlock>(Topics.SensorsVibration, start => new VibrationSimulator(options, seed, start).Events(),
                    options.RealTimeEventsPerSecond, options.RealTimeEventsPerSecond, (end, count) => VibrationSimulator.StartEndingBy(options, end, count),
                    TimeSpan.FromDays(1), options.BlockSize);
            });
    }

    private static Command Environment()
    {
        var locations = new Option<FileInfo?>("--locations") { Description = "Locations CSV (factory,building,floor,loc_id,area,sensor_id,sensor_type). Default: the built-in 240 sensors." };
        var lateRate = new Option<double?>("--late-rate") { Description = "Share of readings delivered 2–15 min late (0–1). Default 0.002." };
        var outOfOrder = new Option<double?>("--out-of-order-rate") { Description = "Share of readings delivered 1–30 s late (0–1). Default 0.01." };
        return Feed("environment", $"Temperature, humidity and perceived temperature to {Topics.SensorsEnvironment}, keyed by sensor id.",
            [locations, lateRate, outOfOrder], (parse, configuration, seed) =>
            {
                var options = SensorStreamConfiguration.Bind<EnvironmentSimulationOptions>(configuration, EnvironmentSimulationOptions.SectionName);
                options.LateRate = parse.GetValue(lateRate) ?? options.LateRate;
                options.OutOfOrderRate = parse.GetValue(outOfOrder) ?? options.OutOfOrderRate;
                var file = parse.GetValue(locations)?.FullName ?? options.LocationsFile;
                var tree = file is null ? LocationTree.Default : LocationTree.Load(file);
                var shape = new EnvironmentSimulator(options, tree, seed, DateTimeOffset.UnixEpoch);
                return new FeedPlan<EnvironmentReading>(Topics.SensorsEnvironment, start => new EnvironmentSimulator(options, tree, seed, start).Events(),
                    shape.RealTimeEventsPerSecond, shape.RealTimeEventsPerSecond, shape.StartEndingBy, TimeSpan.FromDays(1), 0);
            });
    }

    private static Command Trips()
    {
        var trucks = new Option<int?>("--trucks") { Description = "Trucks in the fleet. Default 8." };
        var errorRate = new Option<double?>("--error-rate") { Description = "Share of rows typed with a mistake (0–1). Default 0.03." };
        return Feed("trips", $"A hand-typed truck trip log to {Topics.TripsRecords}, keyed by truck, injected typing errors in truth-* headers.",
            [trucks, errorRate], (parse, configuration, seed) =>
            {
                var options = SensorStreamConfiguration.Bind<TripSimulationOptions>(configuration, TripSimulationOptions.SectionName);
                options.Trucks = parse.GetValue(trucks) ?? options.Trucks;
                options.ErrorRate = parse.GetValue(errorRate) ?? options.ErrorRate;
                // A real log grows by a few rows a day, so even the default rate (one row per second) replays the past:
                // without --start the log starts a year back, or as late as lets --count rows end by now.
                return new FeedPlan<TripRecord>(Topics.TripsRecords, start => new TripSimulator(options, seed, DateOnly.FromDateTime(start.UtcDateTime)).Events(),
                    1, TripSimulator.RowsPerEventSecond(options),
                    (end, count) => new DateTimeOffset(TripSimulator.FirstDayEndingBy(options, seed, end, count).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    TimeSpan.FromDays(365), 0);
            });
    }

    /// <summary>A feed to run.</summary>
    /// <param name="Topic">Where it goes.</param>
    /// <param name="EventsFrom">The feed starting at an event time.</param>
    /// <param name="DefaultRate">Events per second published when --rate is not given.</param>
    /// <param name="EventsPerEventSecond">Events per second of event time: how fast the feed happens.</param>
    /// <param name="StartEndingBy">A start at which a count of events ends by a time (see <see cref="FeedSchedule"/>).</param>
    /// <param name="Backfill">How far back a fast feed without a count or duration starts.</param>
    /// <param name="SamplesPerEvent">Samples per event (vibration), for the summary; 0 for none.</param>
    private sealed record FeedPlan<T>(string Topic, Func<DateTimeOffset, IEnumerable<OutgoingEvent<T>>> EventsFrom, double DefaultRate, double EventsPerEventSecond,
        Func<DateTimeOffset, long, DateTimeOffset> StartEndingBy, TimeSpan Backfill, int SamplesPerEvent);

    private delegate FeedPlan<T> PlanFeed<T>(ParseResult parseResult, Microsoft.Extensions.Configuration.IConfiguration configuration, int seed);

    private static Command Feed<T>(string name, string description, Option[] extra, PlanFeed<T> plan) where T : class, IAvroEvent<T>
    {
        var kafkaOptions = new KafkaCliOptions();
        var feedOptions = new FeedOptions();
        var command = new Command(name, description);
        feedOptions.AddTo(command);
        command.WithOptions(extra);
        kafkaOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            FeedPlan<T> feed;
            KafkaOptions kafka;
            PublisherOptions publishing;
            try
            {
                var configuration = kafkaOptions.Configuration(parseResult);
                kafka = KafkaCliOptions.Kafka(configuration);
                publishing = SensorStreamConfiguration.Bind<PublisherOptions>(configuration, PublisherOptions.SectionName);
                feed = plan(parseResult, configuration, parseResult.GetValue(feedOptions.Seed));
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or FileNotFoundException or IOException)
            {
                await error.WriteLineAsync($"sensorstream produce {name}: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            using var loggerFactory = ConsoleLogging.Create(parseResult.GetValue(kafkaOptions.LogLevel));
            var logger = loggerFactory.CreateLogger("SensorStream.Producers");
            if (!await CommandSupport.TryEnsureTopicsAsync(kafka, [feed.Topic], error, $"produce {name}").ConfigureAwait(false))
            {
                return 1;
            }
            using var registry = KafkaServiceCollectionExtensions.CreateRegistryClient(kafka);
            using var publisher = new EventPublisher<T>(kafka, publishing, registry, feed.Topic, logger);
            var rate = parseResult.GetValue(feedOptions.Rate) ?? feed.DefaultRate;
            var start = parseResult.GetValue(feedOptions.Start) ?? FeedSchedule.DefaultStart(DateTimeOffset.UtcNow, rate, feed.EventsPerEventSecond,
                parseResult.GetValue(feedOptions.Count), parseResult.GetValue(feedOptions.Duration), feed.StartEndingBy, feed.Backfill);
            await output.WriteLineAsync($"{name}: producing to {feed.Topic} at {(rate == 0 ? "full speed" : FeedOptions.Format(rate) + " events/s")}, " +
                $"event time from {start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, never ahead of now (Ctrl+C stops)").ConfigureAwait(false);
            if (start > DateTimeOffset.UtcNow)
            {
                await error.WriteLineAsync($"sensorstream produce {name}: --start is in the future; events are held back until the clock reaches their time").ConfigureAwait(false);
            }
            // Never ahead of the clock, whatever the rate: processors refuse events dated after their clock (plus a day of skew).
            var events = EventTimePacing.NotAheadOfClock(feed.EventsFrom(start), TimeProvider.System, cancellationToken);
            TimeSpan elapsed;
            using (new ProgressReporter(error, () => $"{name}: {publisher.Counters}"))
            {
                elapsed = await Task.Run(() => FeedRunner.Run(events, publisher, rate, parseResult.GetValue(feedOptions.Count),
                    parseResult.GetValue(feedOptions.Duration), TimeSpan.FromMinutes(2), cancellationToken), CancellationToken.None).ConfigureAwait(false);
            }
            var counters = publisher.Counters;
            var eventsPerSecond = counters.Produced / Math.Max(elapsed.TotalSeconds, 0.001);
            var samples = feed.SamplesPerEvent > 0 ? $" ({FeedOptions.Format(eventsPerSecond * feed.SamplesPerEvent)} samples/s)" : string.Empty;
            await output.WriteLineAsync($"{name}: {counters} in {elapsed.TotalSeconds:F1} s = {FeedOptions.Format(eventsPerSecond)} events/s{samples}").ConfigureAwait(false);
            return counters.Failed == 0 && counters.InFlight == 0 ? 0 : 1;
        });
        return command;
    }
}
