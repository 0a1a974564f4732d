using System.CommandLine;

namespace SensorStream.Cli.Commands;

/// <summary>
/// Subcommands whose roles are still being built. Each one is listed in <c>--help</c> with its purpose
/// and exits with code 2 and a clear message until its issue lands.
/// </summary>
internal static class PendingCommands
{
    /// <summary>Exit code for a subcommand that exists in the plan but is not available in this build.</summary>
    public const int NotAvailableExitCode = 2;

    public static IEnumerable<Command> All()
    {
        yield return Pending("hub", "Run LiveHub: SignalR live values, REST queries and the dashboard.");
    }

    private static Command Pending(string name, string description)
    {
        var command = new Command(name, description)
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine(
                $"sensorstream {name}: not yet available in this build.");
            return NotAvailableExitCode;
        });
        return command;
    }
}
