using SensorStream.Storage;
using System.CommandLine;
using System.Diagnostics.Metrics;
using SensorStream.ServiceDefaults.Configuration;
using SensorStream.ServiceDefaults.Logging;
using SensorStream.Sinks;

namespace SensorStream.Cli.Commands;

/// <summary><c>sensorstream sink</c>: write the raw and derived topics to PostgreSQL / TimescaleDB until Ctrl+C or SIGTERM.</summary>
internal static class SinkCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db")
        {
            Description = "Npgsql connection string of the target database, e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Database=sensorstream\" (the default).",
        };
        var group = new Option<string>("--group") { Description = "Consumer group; instances with the same group share the partitions. Default sensorstream-sinks." };
        var batch = new Option<int?>("--batch") { Description = "Records per database transaction at most. Default 5000." };
        var locations = new Option<FileInfo?>("--locations") { Description = "Locations CSV seeding the locations table. Default: the built-in tree." };
        var storage = new Option<StorageMode?>("--storage") { Description = "Storage path of a new database: Auto (TimescaleDB when installed), Plain or TimescaleDb. Default Auto." };
        var kafkaOptions = new KafkaCliOptions();
        var command = new Command("sink", "Write raw and derived topics to PostgreSQL / TimescaleDB (migrates the schema at start, idempotent batches, offsets committed after the database).")
        {
            db, group, batch, locations, storage,
        };
        kafkaOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var overrides = new Dictionary<string, string?>();
            overrides.AddIfGiven(parseResult, db, "Sinks:ConnectionString");
            overrides.AddIfGiven(parseResult, group, "Sinks:GroupId");
            overrides.AddIfGiven(parseResult, batch, "Sinks:MaxBatchRecords");
            overrides.AddIfGiven(parseResult, storage, "Sinks:Storage");
            if (parseResult.GetValue(locations) is { } file)
            {
                overrides["Sinks:LocationsFile"] = file.FullName;
            }
            using var loggerFactory = ConsoleLogging.Create(parseResult.GetValue(kafkaOptions.LogLevel));
            using var meter = new Meter("SensorStream.Sinks");
            DatabaseSink sink;
            try
            {
                var configuration = kafkaOptions.Configuration(parseResult, overrides);
                var options = SensorStreamConfiguration.Bind<SinkOptions>(configuration, SinkOptions.SectionName);
                sink = new DatabaseSink(KafkaCliOptions.Kafka(configuration), options, loggerFactory, meter);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IOException)
            {
                await error.WriteLineAsync($"sensorstream sink: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            using (sink)
            {
                await output.WriteLineAsync("Sinking (Ctrl+C stops)…").ConfigureAwait(false);
                using var progress = new Timer(_ => output.WriteLine(sink.Progress()), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
                try
                {
                    await sink.RunAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SinkFailedException e)
                {
                    await error.WriteLineAsync($"sensorstream sink: {e.Message}").ConfigureAwait(false);
                    return 1;
                }
                catch (Confluent.Kafka.KafkaException e)
                {
                    await error.WriteLineAsync($"sensorstream sink: Kafka error: {e.Message}").ConfigureAwait(false);
                    return 1;
                }
                await output.WriteLineAsync($"Stopped. {sink.Progress()}").ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }
}
