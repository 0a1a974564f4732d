using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SensorStream.Cli.Hosting;
using SensorStream.ServiceDefaults.Hosting;
using SensorStream.Sinks;
using SensorStream.Sinks.Hosting;
using SensorStream.Storage;

namespace SensorStream.Cli.Commands;

/// <summary><c>sensorstream sink</c>: write the raw and derived topics to PostgreSQL / TimescaleDB until Ctrl+C or SIGTERM (exit 1 if it fails).</summary>
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
        var httpPort = CommonOptions.HttpPort();
        var kafkaOptions = new KafkaCliOptions();
        var command = new Command("sink", "Write raw and derived topics to PostgreSQL / TimescaleDB (migrates the schema at start, idempotent batches, offsets committed after the database).")
        {
            db, group, batch, locations, storage, httpPort,
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
            overrides.AddIfGiven(parseResult, httpPort, "Hosting:HttpPort");
            if (parseResult.GetValue(locations) is { } file)
            {
                overrides["Sinks:LocationsFile"] = file.FullName;
            }
            Microsoft.Extensions.Configuration.IConfiguration configuration;
            try
            {
                configuration = kafkaOptions.Configuration(parseResult, overrides);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or IOException)
            {
                await error.WriteLineAsync($"sensorstream sink: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            var builder = SensorStreamHost.CreateBuilder(configuration, parseResult.GetValue(kafkaOptions.LogLevel));
            builder.Services.AddDatabaseSink();
            return await RoleCommand.RunAsync(builder, "sink", output, error,
                app => output.WriteLineAsync($"Sinking (Ctrl+C stops)… metrics and health: {app.HttpUrl()}"),
                app => output.WriteLineAsync($"Stopped. {app.Services.GetRequiredService<DatabaseSink>().Progress()}"),
                cancellationToken,
                app => app.Services.GetRequiredService<DatabaseSink>().Progress()).ConfigureAwait(false);
        });
        return command;
    }
}
