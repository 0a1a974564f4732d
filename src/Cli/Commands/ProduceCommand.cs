using System.CommandLine;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.Locations;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.Producers.Environment;
using SensorStream.Producers.Publishing;
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
            [noise, faults], (parse, configuration, seed, start) =>
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
                var simulator = new VibrationSimulator(options, seed, start);
                return new FeedPlan<VibrationBlock>(Topics.SensorsVibration, simulator.Events(), options.RealTimeEventsPerSecond, options.BlockSize);
            });
    }

    private static Command Environment()
    {
        var locations = new Option<FileInfo?>("--locations") { Description = "Locations CSV (factory,building,floor,loc_id,area,sensor_id,sensor_type). Default: the built-in 240 sensors." };
        var lateRate = new Option<double?>("--late-rate") { Description = "Share of readings delivered 2–15 min late (0–1). Default 0.002." };
        var outOfOrder = new Option<double?>("--out-of-order-rate") { Description = "Share of readings delivered 1–30 s late (0–1). Default 0.01." };
        return Feed("environment", $"Temperature, humidity and perceived temperature to {Topics.SensorsEnvironment}, keyed by sensor id.",
            [locations, lateRate, outOfOrder], (parse, configuration, seed, start) =>
            {
                var options = SensorStreamConfiguration.Bind<EnvironmentSimulationOptions>(configuration, EnvironmentSimulationOptions.SectionName);
                options.LateRate = parse.GetValue(lateRate) ?? options.LateRate;
                options.OutOfOrderRate = parse.GetValue(outOfOrder) ?? options.OutOfOrderRate;
                var file = parse.GetValue(locations)?.FullName ?? options.LocationsFile;
                var tree = file is null ? LocationTree.Default : LocationTree.Load(file);
                var simulator = new EnvironmentSimulator(options, tree, seed, start);
                return new FeedPlan<EnvironmentReading>(Topics.SensorsEnvironment, simulator.Events(), simulator.RealTimeEventsPerSecond, 0);
            });
    }

    private static Command Trips()
    {
        var trucks = new Option<int?>("--trucks") { Description = "Trucks in the fleet. Default 8." };
        var errorRate = new Option<double?>("--error-rate") { Description = "Share of rows typed with a mistake (0–1). Default 0.03." };
        return Feed("trips", $"A hand-typed truck trip log to {Topics.TripsRecords}, keyed by truck, injected typing errors in truth-* headers.",
            [trucks, errorRate], (parse, configuration, seed, start) =>
            {
                var options = SensorStreamConfiguration.Bind<TripSimulationOptions>(configuration, TripSimulationOptions.SectionName);
                options.Trucks = parse.GetValue(trucks) ?? options.Trucks;
                options.ErrorRate = parse.GetValue(errorRate) ?? options.ErrorRate;
                var simulator = new TripSimulator(options, seed, DateOnly.FromDateTime(start.UtcDateTime));
                // A real log grows by a few rows a day; "real time" here means one row per second.
                return new FeedPlan<TripRecord>(Topics.TripsRecords, simulator.Events(), 1, 0);
            });
    }

    private sealed record FeedPlan<T>(string Topic, IEnumerable<OutgoingEvent<T>> Events, double RealTimeRate, int SamplesPerEvent);

    private delegate FeedPlan<T> PlanFeed<T>(ParseResult parseResult, Microsoft.Extensions.Configuration.IConfiguration configuration, int seed, DateTimeOffset start);

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
                feed = plan(parseResult, configuration, parseResult.GetValue(feedOptions.Seed), feedOptions.StartTime(parseResult));
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
            var rate = parseResult.GetValue(feedOptions.Rate) ?? feed.RealTimeRate;
            await output.WriteLineAsync($"{name}: producing to {feed.Topic} at {(rate == 0 ? "full speed" : FeedOptions.Format(rate) + " events/s")} (Ctrl+C stops)").ConfigureAwait(false);
            TimeSpan elapsed;
            using (new ProgressReporter(error, () => $"{name}: {publisher.Counters}"))
            {
                elapsed = await Task.Run(() => FeedRunner.Run(feed.Events, publisher, rate, parseResult.GetValue(feedOptions.Count),
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
