using System.CommandLine;
using System.Diagnostics.Metrics;
using SensorStream.StreamProcessors;
using SensorStream.StreamProcessors.Runtime;
using SensorStream.ServiceDefaults.Configuration;
using SensorStream.ServiceDefaults.Logging;

namespace SensorStream.Cli.Commands;

/// <summary><c>sensorstream process</c>: run every stream processor until Ctrl+C or SIGTERM.</summary>
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
        var kafkaOptions = new KafkaCliOptions();
        var command = new Command("process", "Run the stream processors: windows, threshold status, fault diagnosis, anomalies.") { group, locations, only };
        kafkaOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var overrides = new Dictionary<string, string?>();
            overrides.AddIfGiven(parseResult, group, "Processors:GroupPrefix");
            var selected = (parseResult.GetValue(only) ?? []).SelectMany(o => o.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            for (var i = 0; i < selected.Count; i++)
            {
                overrides[$"Processors:Run:{i}"] = selected[i];
            }
            if (parseResult.GetValue(locations) is { } file)
            {
                overrides["Processors:LocationsFile"] = file.FullName;
            }
            StreamProcessing processing;
            using var loggerFactory = ConsoleLogging.Create(parseResult.GetValue(kafkaOptions.LogLevel));
            using var meter = new Meter("SensorStream.Processors");
            try
            {
                var configuration = kafkaOptions.Configuration(parseResult, overrides);
                var options = SensorStreamConfiguration.Bind<ProcessingOptions>(configuration, ProcessingOptions.SectionName);
                processing = new StreamProcessing(KafkaCliOptions.Kafka(configuration), options, loggerFactory, meter);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IOException)
            {
                await error.WriteLineAsync($"sensorstream process: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            using (processing)
            {
                await output.WriteLineAsync("Processing (Ctrl+C stops)…").ConfigureAwait(false);
                using var progress = new Timer(_ => output.WriteLine(string.Join(" | ", processing.Describe())), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
                try
                {
                    await processing.RunAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ProcessorFailedException e)
                {
                    await error.WriteLineAsync($"sensorstream process: {e.Message}").ConfigureAwait(false);
                    return 1;
                }
                catch (Confluent.Kafka.KafkaException e)
                {
                    await error.WriteLineAsync($"sensorstream process: Kafka error: {e.Message}").ConfigureAwait(false);
                    return 1;
                }
                await output.WriteLineAsync($"Stopped. {string.Join(" | ", processing.Describe())}").ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }
}
