using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.Locations;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Producers.Environment;
using SensorStream.Producers.Publishing;
using SensorStream.Producers.Trips;
using SensorStream.Producers.Vibration;
using SensorStream.ServiceDefaults.Configuration;
using SensorStream.ServiceDefaults.Hosting;

namespace SensorStream.Cli.Hosting;

/// <summary>
/// The three simulated feeds of <c>sensorstream up</c> as a role: vibration and environment in real time, and the trip
/// book replaying the past year at one trip per 10 s, then following the clock.
/// </summary>
internal sealed class FeedsService(IOptions<KafkaOptions> kafka, ISchemaRegistryClient registry, IConfiguration configuration, FeedSettings settings,
    TextWriter output, RoleHealth health, ILogger<FeedsService> logger) : RoleService("feeds", health, logger)
{
    private const int TripBookDays = 365;

    protected override async Task RunRoleAsync(CancellationToken stoppingToken)
    {
        var publishing = SensorStreamConfiguration.Bind<PublisherOptions>(configuration, PublisherOptions.SectionName);
        var vibrationOptions = SensorStreamConfiguration.Bind<VibrationSimulationOptions>(configuration, VibrationSimulationOptions.SectionName);
        var environmentOptions = SensorStreamConfiguration.Bind<EnvironmentSimulationOptions>(configuration, EnvironmentSimulationOptions.SectionName);
        var tripOptions = SensorStreamConfiguration.Bind<TripSimulationOptions>(configuration, TripSimulationOptions.SectionName);
        var tree = environmentOptions.LocationsFile is { } file ? LocationTree.Load(file) : LocationTree.Default;
        using var vibration = new EventPublisher<VibrationBlock>(kafka.Value, publishing, registry, Topics.SensorsVibration, logger);
        using var environment = new EventPublisher<EnvironmentReading>(kafka.Value, publishing, registry, Topics.SensorsEnvironment, logger);
        using var trips = new EventPublisher<TripRecord>(kafka.Value, publishing, registry, Topics.TripsRecords, logger);
        await vibration.RegisterSchemaAsync(stoppingToken).ConfigureAwait(false);
        await environment.RegisterSchemaAsync(stoppingToken).ConfigureAwait(false);
        await trips.RegisterSchemaAsync(stoppingToken).ConfigureAwait(false);
        var environmentFeed = new EnvironmentSimulator(environmentOptions, tree, settings.Seed, settings.Start);
        var tripBookStart = DateOnly.FromDateTime(settings.Start.UtcDateTime).AddDays(-TripBookDays);
        await output.WriteLineAsync($"Simulating {vibrationOptions.Machines.Count * vibrationOptions.SensorsPerMachine} vibration sensors, {tree.Sensors.Count} environment sensors and {tripOptions.Trucks} trucks in real time. Ctrl+C stops.").ConfigureAwait(false);
        Task Run<T>(IEnumerable<OutgoingEvent<T>> events, EventPublisher<T> publisher, double rate) where T : class, IAvroEvent<T> =>
            Task.Run(() => FeedRunner.Run(events, publisher, rate, null, null, TimeSpan.FromSeconds(30), stoppingToken), CancellationToken.None);
        using (new ProgressReporter(output, () => $"vibration {vibration.Counters.Acknowledged:N0} · environment {environment.Counters.Acknowledged:N0} · trips {trips.Counters.Acknowledged:N0} events acknowledged", TimeSpan.FromSeconds(30)))
        {
            await Task.WhenAll(
                Run(new VibrationSimulator(vibrationOptions, settings.Seed, settings.Start).Events(), vibration, vibrationOptions.RealTimeEventsPerSecond),
                Run(environmentFeed.Events(), environment, environmentFeed.RealTimeEventsPerSecond),
                Run(EventTimePacing.NotAheadOfClock(new TripSimulator(tripOptions, settings.Seed, tripBookStart).Events(), TimeProvider.System, stoppingToken), trips, 0.1))
                .ConfigureAwait(false);
        }
        var failed = vibration.Counters.Failed + environment.Counters.Failed + trips.Counters.Failed;
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} simulated events could not be delivered");
        }
    }
}
