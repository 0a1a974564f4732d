using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SensorStream.Contracts.Kafka.Groups;

namespace SensorStream.Cli.Commands;

/// <summary><c>sensorstream groups reset G --to-… [--topic T[:P,P]]… [--execute]</c>.</summary>
internal static class GroupResetCommand
{
    public static Command Create()
    {
        var group = new Argument<string>("group") { Description = "The consumer group id." };
        var toEarliest = new Option<bool>("--to-earliest") { Description = "Reset to the oldest offset still in the log." };
        var toLatest = new Option<bool>("--to-latest") { Description = "Reset to the log end (skip everything written so far)." };
        var toDateTime = new Option<DateTimeOffset?>("--to-datetime")
        {
            Description = $"Reset to the first record at or after this time ({TimeArgument.Examples}); without an offset it is local time.",
            CustomParser = ParseTime,
        };
        var shiftBy = new Option<long?>("--shift-by") { Description = "Move the committed offset by N records (negative = back)." };
        var toOffset = new Option<long?>("--to-offset") { Description = "Reset to this absolute offset." };
        var topics = new Option<string[]>("--topic")
        {
            Description = "Topic to reset, optionally with partitions (topic:0,2); repeatable. Default: every topic the group has committed offsets for.",
            AllowMultipleArgumentsPerToken = true,
        };
        var execute = new Option<bool>("--execute") { Description = "Commit the new offsets. Without it the plan is only shown (a dry run)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show the plan (the default)." };
        var kafka = new KafkaCliOptions();
        var command = new Command("reset", "Reset a group's committed offsets (Kafka's --reset-offsets semantics).")
        {
            group, toEarliest, toLatest, toDateTime, shiftBy, toOffset, topics, execute, dryRun,
        };
        kafka.AddTo(command);
        command.Validators.Add(result =>
        {
            var chosen = new Option[] { toEarliest, toLatest, toDateTime, shiftBy, toOffset }.Count(o => result.GetResult(o) is { Implicit: false } r && !IsFalseFlag(r));
            if (chosen != 1)
            {
                result.AddError("choose exactly one of --to-earliest, --to-latest, --to-datetime, --shift-by, --to-offset");
            }
            if (result.GetValue(execute) && result.GetValue(dryRun))
            {
                result.AddError("--execute and --dry-run contradict each other");
            }
        });
        command.SetAction((parseResult, _) => GroupAdminRun.RunAsync(parseResult, kafka, "groups reset", async admin =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            OffsetResetTarget target = parseResult.GetValue(toEarliest) ? new OffsetResetTarget.Earliest()
                : parseResult.GetValue(toLatest) ? new OffsetResetTarget.Latest()
                : parseResult.GetValue(toDateTime) is { } time ? new OffsetResetTarget.AtTime(time)
                : parseResult.GetValue(shiftBy) is { } shift ? new OffsetResetTarget.ShiftBy(shift)
                : new OffsetResetTarget.ToOffset(parseResult.GetValue(toOffset)!.Value);
            var scope = ParseScope(parseResult.GetValue(topics) ?? []);
            var plan = await admin.PlanResetAsync(parseResult.GetValue(group)!, target, scope).ConfigureAwait(false);
            var rows = plan.Rows.Select(r => new[]
            {
                r.Topic, r.Partition.ToString(CultureInfo.InvariantCulture), GroupsCommand.Number(r.CurrentOffset), r.NewOffset.ToString(CultureInfo.InvariantCulture),
            });
            var executing = parseResult.GetValue(execute);
            await output.WriteLineAsync($"{(executing ? "Resetting" : "Dry run (add --execute to apply):")} group '{plan.GroupId}' {target.Describe()}").ConfigureAwait(false);
            await output.WriteLineAsync(Table.Format(["TOPIC", "PARTITION", "CURRENT-OFFSET", "NEW-OFFSET"], rows)).ConfigureAwait(false);
            if (executing)
            {
                await admin.ExecuteAsync(plan).ConfigureAwait(false);
                await output.WriteLineAsync($"Committed {plan.Rows.Count} offset(s) for group '{plan.GroupId}'.").ConfigureAwait(false);
            }
            return 0;
        }));
        return command;
    }

    private static bool IsFalseFlag(OptionResult result) => result.Option is Option<bool> && result.Tokens.Count == 1 && result.Tokens[0].Value == "false";

    private static DateTimeOffset? ParseTime(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (TimeArgument.TryParse(text, out var value))
        {
            return value;
        }
        result.AddError($"--to-datetime '{text}' is not a time (examples: {TimeArgument.Examples})");
        return null;
    }

    /// <summary><c>topic</c> or <c>topic:0,2</c> per value; null when none are given (every topic with committed offsets).</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<int>?>? ParseScope(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var scope = new Dictionary<string, IReadOnlyList<int>?>(StringComparer.Ordinal);
        foreach (var value in values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                scope[value] = null;
                continue;
            }
            var partitions = new List<int>();
            foreach (var part in value[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var partition))
                {
                    throw new ConsumerGroupException($"--topic '{value}': '{part}' is not a partition number");
                }
                partitions.Add(partition);
            }
            if (colon == 0 || partitions.Count == 0)
            {
                throw new ConsumerGroupException($"--topic '{value}' is not topic or topic:partition[,partition…]");
            }
            scope[value[..colon]] = partitions;
        }
        return scope;
    }
}
