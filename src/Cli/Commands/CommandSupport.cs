using System.CommandLine;
using SensorStream.Contracts.Kafka;

namespace SensorStream.Cli.Commands;

/// <summary>Pieces every Kafka-using subcommand shares.</summary>
internal static class CommandSupport
{
    /// <summary>Adds <paramref name="options"/> to <paramref name="command"/>.</summary>
    public static Command WithOptions(this Command command, IEnumerable<Option> options)
    {
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        return command;
    }

    /// <summary>Creates missing topics; on failure writes why to <paramref name="error"/> and returns false.</summary>
    public static async Task<bool> TryEnsureTopicsAsync(KafkaOptions kafka, IEnumerable<string> topics, TextWriter error, string commandName)
    {
        try
        {
            await TopicBootstrapper.EnsureAsync(kafka, topics).ConfigureAwait(false);
            return true;
        }
        catch (Confluent.Kafka.KafkaException e)
        {
            await error.WriteLineAsync($"sensorstream {commandName}: cannot reach Kafka at {kafka.BootstrapServers}: {e.Message}").ConfigureAwait(false);
            return false;
        }
    }
}
