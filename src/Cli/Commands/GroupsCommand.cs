using System.CommandLine;
using System.Globalization;

namespace SensorStream.Cli.Commands;

/// <summary>
/// <c>sensorstream groups list | describe G | reset G …</c>: Kafka's <c>kafka-consumer-groups</c> for the embedded broker
/// and any Kafka cluster. A reset is a dry run unless <c>--execute</c>, and is refused while the group has members.
/// </summary>
internal static class GroupsCommand
{
    /// <summary>Exit code when the group cannot be changed as asked (active group, unknown topic…).</summary>
    public const int RefusedExitCode = 3;

    public static Command Create()
    {
        var command = new Command("groups", "List, describe and reset consumer groups (dry run unless --execute; refused while the group has members).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Describe());
        command.Subcommands.Add(GroupResetCommand.Create());
        return command;
    }

    private static Command List()
    {
        var kafka = new KafkaCliOptions();
        var command = new Command("list", "List every consumer group with its state.");
        kafka.AddTo(command);
        command.SetAction((parseResult, _) => GroupAdminRun.RunAsync(parseResult, kafka, "groups list", async admin =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var groups = await admin.ListAsync().ConfigureAwait(false);
            await output.WriteLineAsync(Table.Format(["GROUP", "STATE"], groups.Select(g => new[] { g.GroupId, g.State }))).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command Describe()
    {
        var group = new Argument<string>("group") { Description = "The consumer group id." };
        var kafka = new KafkaCliOptions();
        var command = new Command("describe", "Show a group's state, and per partition its committed offset, log end offset, lag and owner.") { group };
        kafka.AddTo(command);
        command.SetAction((parseResult, _) => GroupAdminRun.RunAsync(parseResult, kafka, "groups describe", async admin =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var description = await admin.DescribeAsync(parseResult.GetValue(group)!).ConfigureAwait(false);
            await output.WriteLineAsync($"Group '{description.GroupId}' is {description.State} with {description.Members} member(s); total lag " +
                $"{description.Partitions.Sum(p => p.Lag ?? 0).ToString("N0", CultureInfo.InvariantCulture)} records.").ConfigureAwait(false);
            var rows = description.Partitions.Select(p => new[]
            {
                p.Topic, p.Partition.ToString(CultureInfo.InvariantCulture), Number(p.CommittedOffset), p.LogEndOffset.ToString(CultureInfo.InvariantCulture),
                Number(p.Lag), p.MemberId ?? "-", p.Host ?? "-", p.ClientId ?? "-",
            });
            await output.WriteLineAsync(Table.Format(["TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"], rows))
                .ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    internal static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
