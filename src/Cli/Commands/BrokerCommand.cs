using System.CommandLine;
using SensorStream.EmbeddedBroker;
using SensorStream.ServiceDefaults.Configuration;
using SensorStream.ServiceDefaults.Logging;

namespace SensorStream.Cli.Commands;

/// <summary><c>sensorstream broker</c>: runs the embedded Kafka-compatible broker until Ctrl+C or SIGTERM.</summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Kafka protocol port (0 = any free port). Default 9092." };
        var httpPort = new Option<int>("--http-port") { Description = "HTTP port for /metrics, /health and the Schema Registry API (0 = any, -1 = off). Default 8081." };
        var dataDir = new Option<string>("--data-dir") { Description = "Directory for topic logs, offsets and schemas. Default ./data/broker." };
        var partitions = new Option<int>("--partitions") { Description = "Partitions of auto-created topics. Default 6." };
        var advertisedHost = new Option<string>("--advertised-host") { Description = "Host name clients are told to connect to. Default 127.0.0.1." };
        var listenAddress = new Option<string>("--listen-address") { Description = "Address to bind (0.0.0.0 for every interface). Default 127.0.0.1." };
        var fsync = new Option<FsyncPolicy>("--fsync") { Description = "When writes are forced to disk: Always (before acks), Interval (every second), Never (OS). Default Interval." };
        var autoCreate = new Option<bool>("--auto-create-topics") { Description = "Create unknown topics when clients ask for them. Default true." };
        var config = CommonOptions.Config();
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("broker", "Run the embedded Kafka-compatible broker and its Schema Registry API.")
        {
            port, httpPort, dataDir, partitions, advertisedHost, listenAddress, fsync, autoCreate, config, logLevel,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            overrides.AddIfGiven(parseResult, port, "Broker:Port");
            overrides.AddIfGiven(parseResult, httpPort, "Broker:HttpPort");
            overrides.AddIfGiven(parseResult, dataDir, "Broker:DataDir");
            overrides.AddIfGiven(parseResult, partitions, "Broker:DefaultPartitions");
            overrides.AddIfGiven(parseResult, advertisedHost, "Broker:AdvertisedHost");
            overrides.AddIfGiven(parseResult, listenAddress, "Broker:ListenAddress");
            overrides.AddIfGiven(parseResult, fsync, "Broker:Fsync");
            overrides.AddIfGiven(parseResult, autoCreate, "Broker:AutoCreateTopics");
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            BrokerOptions options;
            try
            {
                var configuration = SensorStreamConfiguration.Build(overrides, parseResult.GetValue(config)?.FullName);
                options = SensorStreamConfiguration.Bind<BrokerOptions>(configuration, BrokerOptions.SectionName);
            }
            catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or FormatException or InvalidDataException)
            {
                await error.WriteLineAsync($"sensorstream broker: configuration error: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            using var loggerFactory = ConsoleLogging.Create(parseResult.GetValue(logLevel));
            EmbeddedKafkaBroker broker;
            try
            {
                broker = await EmbeddedKafkaBroker.StartAsync(options, loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or IOException or System.Net.Sockets.SocketException)
            {
                await error.WriteLineAsync($"sensorstream broker: cannot start: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            await using (broker.ConfigureAwait(false))
            {
                await output.WriteLineAsync($"SensorStream broker ready. Kafka: {broker.BootstrapServers}  HTTP: {broker.HttpUrl?.ToString() ?? "off"}  data: {Path.GetFullPath(options.DataDir)}").ConfigureAwait(false);
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await output.WriteLineAsync("Stopping broker…").ConfigureAwait(false);
                }
            }
            return 0;
        });
        return command;
    }
}
