using System.CommandLine;
using System.Diagnostics.Metrics;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.Locations;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.EmbeddedBroker;
using SensorStream.Producers.Environment;
using SensorStream.Producers.Publishing;
using SensorStream.Producers.Trips;
using SensorStream.Producers.Vibration;
using SensorStream.ServiceDefaults.Configuration;
using SensorStream.ServiceDefaults.Logging;
using SensorStream.Sinks;
using SensorStream.Storage.LocalDatabase;
using SensorStream.StreamProcessors;
using SensorStream.StreamProcessors.Runtime;

namespace SensorStream.Cli.Commands;

/// <summary>
/// <c>sensorstream up</c>: the platform on one machine — the embedded broker with its Schema Registry, every topic,
/// the three simulated feeds at their real-time rates, and the stream processors — until Ctrl+C. Roles added by
/// later components (sinks, LiveHub) join here as they land.
/// </summary>
internal static class UpCommand
{
    private const int TripBookDays = 365;

    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Where the platform keeps its data. Default ./data.", DefaultValueFactory = _ => "./data" };
        var port = new Option<int>("--port") { Description = "Kafka port. Default 9092.", DefaultValueFactory = _ => 9092 };
        var httpPort = new Option<int>("--http-port") { Description = "Broker HTTP port (metrics, health, Schema Registry). Default 8081.", DefaultValueFactory = _ => 8081 };
        var noSimulators = new Option<bool>("--no-simulators") { Description = "Start without the simulated feeds (to import or produce your own data)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated feeds. Default 42.", DefaultValueFactory = _ => 42 };
        var noProcessors = new Option<bool>("--no-processors") { Description = "Start without the stream processors (run `sensorstream process` elsewhere)." };
        var noSink = new Option<bool>("--no-sink") { Description = "Start without the database sink (and without the local PostgreSQL)." };
        var db = new Option<string?>("--db") { Description = "Write to this PostgreSQL (\"Host=…;Port=…;Username=…;Database=…\") instead of a local cluster under the data directory." };
        var dbPort = new Option<int>("--db-port") { Description = "Port of the local PostgreSQL cluster. Default 5433.", DefaultValueFactory = _ => 5433 };
        var config = CommonOptions.Config();
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("up", "Run the whole platform on one machine: embedded broker, Schema Registry, simulators, stream processors, PostgreSQL and the sink.")
        {
            dataDir, port, httpPort, noSimulators, noProcessors, noSink, db, dbPort, seed, config, logLevel,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var root = parseResult.GetValue(dataDir)!;
            BrokerOptions brokerOptions;
            ProcessingOptions processingOptions;
            SinkOptions sinkOptions;
            Microsoft.Extensions.Configuration.IConfiguration configuration;
            try
            {
                configuration = SensorStreamConfiguration.Build(new Dictionary<string, string?>
                {
                    ["Broker:DataDir"] = Path.Combine(root, "broker"),
                    ["Broker:Port"] = parseResult.GetValue(port).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Broker:HttpPort"] = parseResult.GetValue(httpPort).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Sinks:ConnectionString"] = UpDatabase.ConnectionString(parseResult.GetValue(db), parseResult.GetValue(dbPort)),
                }, parseResult.GetValue(config)?.FullName);
                sinkOptions = SensorStreamConfiguration.Bind<SinkOptions>(configuration, SinkOptions.SectionName);
                if (sinkOptions.Validate() is { Count: > 0 } sinkProblems)
                {
                    throw new InvalidOperationException(string.Join("; ", sinkProblems));
                }
                brokerOptions = SensorStreamConfiguration.Bind<BrokerOptions>(configuration, BrokerOptions.SectionName);
                processingOptions = SensorStreamConfiguration.Bind<ProcessingOptions>(configuration, ProcessingOptions.SectionName);
                if (processingOptions.Validate() is { Count: > 0 } problems)
                {
                    throw new InvalidOperationException(string.Join("; ", problems));
                }
            }
            catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or FormatException)
            {
                await error.WriteLineAsync($"sensorstream up: configuration error: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            using var loggerFactory = ConsoleLogging.Create(parseResult.GetValue(logLevel));
            EmbeddedKafkaBroker broker;
            try
            {
                broker = await EmbeddedKafkaBroker.StartAsync(brokerOptions, loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or IOException or System.Net.Sockets.SocketException)
            {
                await error.WriteLineAsync($"sensorstream up: cannot start the broker: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            await using (broker.ConfigureAwait(false))
            {
                var kafka = new KafkaOptions { BootstrapServers = broker.BootstrapServers, SchemaRegistryUrl = broker.SchemaRegistryUrl ?? new Uri("http://127.0.0.1:8081") };
                await TopicBootstrapper.EnsureAsync(kafka, Topics.All).ConfigureAwait(false);
                await output.WriteLineAsync($"SensorStream is up. Kafka: {broker.BootstrapServers}  Schema Registry and metrics: {broker.HttpUrl}  data: {Path.GetFullPath(root)}").ConfigureAwait(false);
                using var meter = new Meter("SensorStream.Processors");
                LocalPostgresCluster? database = null;
                DatabaseSink? sink = null;
                if (!parseResult.GetValue(noSink))
                {
                    try
                    {
                        database = parseResult.GetValue(db) is null ? await UpDatabase.StartLocalAsync(root, parseResult.GetValue(dbPort), output).ConfigureAwait(false) : null;
                        sink = new DatabaseSink(kafka, sinkOptions, loggerFactory, meter);
                    }
                    catch (Exception e) when (e is InvalidOperationException or ArgumentException or Npgsql.NpgsqlException)
                    {
                        await error.WriteLineAsync($"sensorstream up: cannot start the database: {e.Message} (--no-sink starts without it)").ConfigureAwait(false);
                        if (database is not null)
                        {
                            await database.DisposeAsync().ConfigureAwait(false);
                        }
                        return 1;
                    }
                }
                await using var databaseLifetime = database;
                using var sinkLifetime = sink;
                var sinking = sink is null ? Task.FromResult(true) : UpDatabase.RunSinkAsync(sink, output, error, cancellationToken);
                using var processing = parseResult.GetValue(noProcessors) ? null : new StreamProcessing(kafka, processingOptions, loggerFactory, meter);
                var processors = processing is null ? Task.FromResult(true) : RunProcessorsAsync(processing, output, error, cancellationToken);
                if (parseResult.GetValue(noSimulators))
                {
                    await output.WriteLineAsync("Simulators off: feed it with `sensorstream produce …` or `sensorstream import …`. Ctrl+C stops.").ConfigureAwait(false);
                    await WaitForStopAsync(cancellationToken).ConfigureAwait(false);
                    return await processors.ConfigureAwait(false) & await sinking.ConfigureAwait(false) ? 0 : 1;
                }
                using var registry = new SchemaRegistryClient(new SchemaRegistryClientOptions { Url = kafka.SchemaRegistryUrl });
                var publishing = SensorStreamConfiguration.Bind<PublisherOptions>(configuration, PublisherOptions.SectionName);
                var logger = loggerFactory.CreateLogger("SensorStream.Up");
                var start = DateTimeOffset.UtcNow;
                var feedSeed = parseResult.GetValue(seed);
                var vibrationOptions = SensorStreamConfiguration.Bind<VibrationSimulationOptions>(configuration, VibrationSimulationOptions.SectionName);
                var environmentOptions = SensorStreamConfiguration.Bind<EnvironmentSimulationOptions>(configuration, EnvironmentSimulationOptions.SectionName);
                var tripOptions = SensorStreamConfiguration.Bind<TripSimulationOptions>(configuration, TripSimulationOptions.SectionName);
                var tree = environmentOptions.LocationsFile is { } file ? LocationTree.Load(file) : LocationTree.Default;
                using var vibration = new EventPublisher<VibrationBlock>(kafka, publishing, registry, Topics.SensorsVibration, logger);
                using var environment = new EventPublisher<EnvironmentReading>(kafka, publishing, registry, Topics.SensorsEnvironment, logger);
                using var trips = new EventPublisher<TripRecord>(kafka, publishing, registry, Topics.TripsRecords, logger);
                var environmentFeed = new EnvironmentSimulator(environmentOptions, tree, feedSeed, start);
                // A year of trip book replayed at one trip per 10 s (a few hours), then trips as they are entered.
                var tripBookStart = DateOnly.FromDateTime(start.UtcDateTime).AddDays(-TripBookDays);
                Task Run<T>(IEnumerable<OutgoingEvent<T>> events, EventPublisher<T> publisher, double rate) where T : class, IAvroEvent<T> =>
                    Task.Run(() => FeedRunner.Run(events, publisher, rate, null, null, TimeSpan.FromSeconds(30), cancellationToken), CancellationToken.None);
                await output.WriteLineAsync($"Simulating {vibrationOptions.Machines.Count * vibrationOptions.SensorsPerMachine} vibration sensors, {tree.Sensors.Count} environment sensors and {tripOptions.Trucks} trucks in real time. Ctrl+C stops.").ConfigureAwait(false);
                using (new ProgressReporter(output, () => $"vibration {vibration.Counters.Acknowledged:N0} · environment {environment.Counters.Acknowledged:N0} · trips {trips.Counters.Acknowledged:N0} events acknowledged", TimeSpan.FromSeconds(30)))
                {
                    await Task.WhenAll(
                        Run(new VibrationSimulator(vibrationOptions, feedSeed, start).Events(), vibration, vibrationOptions.RealTimeEventsPerSecond),
                        Run(environmentFeed.Events(), environment, environmentFeed.RealTimeEventsPerSecond),
                        Run(EventTimePacing.NotAheadOfClock(new TripSimulator(tripOptions, feedSeed, tripBookStart).Events(), TimeProvider.System, cancellationToken), trips, 0.1))
                        .ConfigureAwait(false);
                }
                await output.WriteLineAsync("Stopping…").ConfigureAwait(false);
                if (!(await processors.ConfigureAwait(false) & await sinking.ConfigureAwait(false)))
                {
                    return 1;
                }
            }
            return 0;
        });
        return command;
    }

    /// <summary>Runs the processors until the platform stops; false (after saying why) if they failed.</summary>
    private static async Task<bool> RunProcessorsAsync(StreamProcessing processing, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await output.WriteLineAsync("Stream processors running: windows, status, fault diagnosis, anomalies.").ConfigureAwait(false);
            await processing.RunAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Processors stopped. {string.Join(" | ", processing.Describe())}").ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is ProcessorFailedException or Confluent.Kafka.KafkaException)
        {
            await error.WriteLineAsync($"sensorstream up: stream processors failed: {e.Message}").ConfigureAwait(false);
            return false;
        }
    }

    private static async Task WaitForStopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
