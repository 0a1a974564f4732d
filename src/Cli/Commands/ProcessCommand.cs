using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SensorStream.Cli.Hosting;
using SensorStream.ServiceDefaults.Hosting;
using SensorStream.StreamProcessors;
using SensorStream.StreamProcessors.Hosting;

namespace SensorStream.Cli.Commands;

/// <summary><c>sensorstream process</c>: run every stream processor until Ctrl+C or SIGTERM (exit 1 if one fails).</summary>
internal static class ProcessCommand
{
    public static Command Create()
    {
        var group = new Option<string>("--group") { Description = "Consumer group prefix; instances with the same prefix share the partitions. Default sensorstream-processors." };
        var locations = new Option<FileInfo?>("--locations") { Description = "Locations CSV (the same one the environment feed uses). Default: the built-in tree." };
        var only = new Option<string[]>("--only")
        {
            Description = $"Run only these processors ({string.Join(", ", ProcessingOptions.AllProcessors)}); comma-separated or repeated. Default: all.",
            AllowMultipleArgumentsPerToken = true,
        };
        var httpPort = CommonOptions.HttpPort();
        var kafkaOptions = new KafkaCliOptions();
        var command = new Command("process", "Run the stream processors: windows, threshold status, fault diagnosis, anomalies.") { group, locations, only, httpPort };
        kafkaOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var overrides = new Dictionary<string, string?>();
            overrides.AddIfGiven(parseResult, group, "Processors:GroupPrefix");
            overrides.AddIfGiven(parseResult, httpPort, "Hosting:HttpPort");
            var selected = (parseResult.GetValue(only) ?? []).SelectMany(o => o.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            for (var i = 0; i < selected.Count; i++)
            {
                overrides[$"Processors:Run:{i}"] = selected[i];
            }
            if (parseResult.GetValue(locations) is { } file)
            {
                overrides["Processors:LocationsFile"] = file.FullName;
            }
            Microsoft.Extensions.Configuration.IConfiguration configuration;
            try
            {
                configuration = kafkaOptions.Configuration(parseResult, overrides);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or IOException)
            {
                await error.WriteLineAsync($"sensorstream process: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            var builder = SensorStreamHost.CreateBuilder(configuration, parseResult.GetValue(kafkaOptions.LogLevel));
            builder.Services.AddStreamProcessors();
            return await RoleCommand.RunAsync(builder, "process", output, error,
                app => output.WriteLineAsync($"Processing (Ctrl+C stops)… metrics and health: {app.HttpUrl()}"),
                app => output.WriteLineAsync($"Stopped. {string.Join(" | ", app.Services.GetRequiredService<StreamProcessing>().Describe())}"),
                cancellationToken,
                app => string.Join(" | ", app.Services.GetRequiredService<StreamProcessing>().Describe())).ConfigureAwait(false);
        });
        return command;
    }
}
