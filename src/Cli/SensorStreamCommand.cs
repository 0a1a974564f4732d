using System.CommandLine;
using SensorStream.Cli.Commands;

namespace SensorStream.Cli;

/// <summary>Builds the <c>sensorstream</c> command tree: one subcommand per role of the platform.</summary>
public static class SensorStreamCommand
{
    /// <summary>Creates the root command with every subcommand attached.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("SensorStream: real-time sensor platform (vibration, environment, truck trips) on Kafka.");
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(BrokerCommand.Create());
        root.Subcommands.Add(ProduceCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ProcessCommand.Create());
        root.Subcommands.Add(SinkCommand.Create());
        root.Subcommands.Add(GroupsCommand.Create());
        foreach (var command in PendingCommands.All())
        {
            root.Subcommands.Add(command);
        }
        // --version names the native Kafka client too: which librdkafka a process binds is what support asks first.
        var version = root.Options.OfType<VersionOption>().Single();
        version.Action = new VersionAction();
        return root;
    }
}
