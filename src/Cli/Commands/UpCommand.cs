using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using SensorStream.Cli.Hosting;
using SensorStream.EmbeddedBroker;
using SensorStream.ServiceDefaults.Configuration;
using SensorStream.ServiceDefaults.Hosting;
using SensorStream.Sinks;
using SensorStream.Sinks.Hosting;
using SensorStream.StreamProcessors;
using SensorStream.StreamProcessors.Hosting;

namespace SensorStream.Cli.Commands;

/// <summary>
/// <c>sensorstream up</c>: the platform on one machine, in one Generic Host composed of the same roles the single-role
/// commands run — the embedded broker with its Schema Registry, a local PostgreSQL, the stream processors, the sink and
/// the three simulated feeds — until Ctrl+C. If any role fails, the whole platform stops and the command exits 1 naming
/// the role and why; <c>/health</c> on the platform's HTTP port says which roles run meanwhile.
/// </summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Where the platform keeps its data. Default ./data.", DefaultValueFactory = _ => "./data" };
        var port = new Option<int>("--port") { Description = "Kafka port (0 = any free port). Default 9092.", DefaultValueFactory = _ => 9092 };
        var httpPort = new Option<int>("--http-port") { Description = "Broker HTTP port (broker metrics, health, Schema Registry; 0 = any free port). Default 8081.", DefaultValueFactory = _ => 8081 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "HTTP port of the platform's /metrics (processors, sink, feeds) and /health (every role; 0 = any free port). Default 8082.", DefaultValueFactory = _ => 8082 };
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
            dataDir, port, httpPort, metricsPort, noSimulators, noProcessors, noSink, db, dbPort, seed, config, logLevel,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var root = parseResult.GetValue(dataDir)!;
            // The roles are told where the broker is before it starts, so "any free port" is resolved to one now.
            var kafkaPort = Concrete(parseResult.GetValue(port));
            var registryPort = Concrete(parseResult.GetValue(httpPort));
            var external = parseResult.GetValue(db);
            var sink = !parseResult.GetValue(noSink);
            Microsoft.Extensions.Configuration.IConfiguration configuration;
            try
            {
                configuration = SensorStreamConfiguration.Build(new Dictionary<string, string?>
                {
                    ["Broker:DataDir"] = Path.Combine(root, "broker"),
                    ["Broker:Port"] = kafkaPort.ToString(CultureInfo.InvariantCulture),
                    ["Broker:HttpPort"] = registryPort.ToString(CultureInfo.InvariantCulture),
                    ["Kafka:BootstrapServers"] = $"127.0.0.1:{kafkaPort}",
                    ["Kafka:SchemaRegistryUrl"] = $"http://127.0.0.1:{registryPort}",
                    ["Hosting:HttpPort"] = parseResult.GetValue(metricsPort).ToString(CultureInfo.InvariantCulture),
                    ["Sinks:ConnectionString"] = external ?? LocalDatabaseService.ConnectionString(parseResult.GetValue(dbPort)),
                }, parseResult.GetValue(config)?.FullName);
            }
            catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or FormatException or InvalidDataException)
            {
                await error.WriteLineAsync($"sensorstream up: configuration error: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            var builder = SensorStreamHost.CreateBuilder(configuration, parseResult.GetValue(logLevel));
            builder.Services.AddSingleton(output);
            builder.Services.AddValidatedOptions<BrokerOptions>(BrokerOptions.SectionName, b => b.Validate());
            builder.Services.AddSingleton<BrokerService>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<BrokerService>());
            builder.Services.AddHostedService<TopicsService>();
            if (sink && external is null)
            {
                builder.Services.AddSingleton(new LocalDatabaseSettings(root, parseResult.GetValue(dbPort)));
                builder.Services.AddHostedService<LocalDatabaseService>();
            }
            if (!parseResult.GetValue(noProcessors))
            {
                builder.Services.AddStreamProcessors();
            }
            if (sink)
            {
                builder.Services.AddDatabaseSink();
            }
            if (!parseResult.GetValue(noSimulators))
            {
                var now = DateTimeOffset.UtcNow;
                builder.Services.AddSingleton(new FeedSettings(parseResult.GetValue(seed), new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero)));
                builder.Services.AddHostedService<FeedsService>();
            }
            return await RoleCommand.RunAsync(builder, "up", output, error,
                async app =>
                {
                    var broker = app.Services.GetRequiredService<BrokerService>().Broker;
                    await output.WriteLineAsync($"SensorStream is up. Kafka: {broker.BootstrapServers}  Schema Registry and metrics: {broker.HttpUrl}  " +
                        $"platform metrics and health: {app.HttpUrl()}  data: {Path.GetFullPath(root)}").ConfigureAwait(false);
                    if (parseResult.GetValue(noSimulators))
                    {
                        await output.WriteLineAsync("Simulators off: feed it with `sensorstream produce …` or `sensorstream import …`. Ctrl+C stops.").ConfigureAwait(false);
                    }
                },
                async app =>
                {
                    await output.WriteLineAsync("Stopping…").ConfigureAwait(false);
                    if (app.Services.GetService<StreamProcessing>() is { } processing)
                    {
                        await output.WriteLineAsync($"Processors stopped. {string.Join(" | ", processing.Describe())}").ConfigureAwait(false);
                    }
                    if (app.Services.GetService<DatabaseSink>() is { } database)
                    {
                        await output.WriteLineAsync($"Sink stopped. {database.Progress()}").ConfigureAwait(false);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static int Concrete(int port)
    {
        if (port != 0)
        {
            return port;
        }
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
