using System.CommandLine;
using SensorStream.Contracts.Kafka.Groups;

namespace SensorStream.Cli.Commands;

/// <summary>Runs one <c>groups</c> subcommand with a connected <see cref="ConsumerGroupAdmin"/>, turning its refusals and Kafka errors into messages and exit codes.</summary>
internal static class GroupAdminRun
{
    public static async Task<int> RunAsync(ParseResult parseResult, KafkaCliOptions kafka, string name, Func<ConsumerGroupAdmin, Task<int>> action)
    {
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            using var admin = new ConsumerGroupAdmin(KafkaCliOptions.Kafka(kafka.Configuration(parseResult)));
            return await action(admin).ConfigureAwait(false);
        }
        catch (ConsumerGroupException e)
        {
            await error.WriteLineAsync($"sensorstream {name}: {e.Message}").ConfigureAwait(false);
            return GroupsCommand.RefusedExitCode;
        }
        catch (Confluent.Kafka.KafkaException e)
        {
            await error.WriteLineAsync($"sensorstream {name}: Kafka error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or FileNotFoundException)
        {
            await error.WriteLineAsync($"sensorstream {name}: configuration error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
