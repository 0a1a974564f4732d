using System.CommandLine;
using SensorStream.Cli;

namespace SensorStream.Tests.Cli;

public sealed class CliHelpTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SensorStreamCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Help_ListsEverySubcommand_WithADescription()
    {
        var (exitCode, output, _) = Run("--help");

        Assert.Equal(0, exitCode);
        foreach (var name in new[] { "up", "broker", "produce", "import", "process", "sink", "hub" })
        {
            Assert.Matches($@"(?m)^\s+{name}\s+\S.+$", output);
        }
    }

    [Fact]
    public void Version_PrintsTheAssemblyVersion()
    {
        var (exitCode, output, _) = Run("--version");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("0.1.0", output.Trim());
    }

    [Fact]
    public void UnknownSubcommand_FailsWithAnError()
    {
        var (exitCode, _, error) = Run("no-such-command");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no-such-command", error);
    }
}
