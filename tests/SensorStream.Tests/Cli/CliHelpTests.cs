using System.CommandLine;
using SensorStream.Cli;

using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Cli;

[Collection(ProcessEnvironmentCollection.Name)]
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
    public void Version_PrintsTheAssemblyVersion_AndTheBoundLibrdkafka()
    {
        var (exitCode, output, _) = Run("--version");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("sensorstream 0.1.0", output.Trim());
        Assert.Contains("librdkafka 2.16.0", output);
    }

    [Fact]
    public void UnknownSubcommand_FailsWithAnError()
    {
        var (exitCode, _, error) = Run("no-such-command");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no-such-command", error);
    }

    [Fact]
    public void BrokerHelp_ListsItsOptions()
    {
        var (exitCode, output, _) = Run("broker", "--help");

        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--port", "--http-port", "--data-dir", "--partitions", "--advertised-host", "--fsync", "--config" })
        {
            Assert.Contains(option, output);
        }
    }

    [Theory]
    [InlineData("--port", "70000", "Port")]
    [InlineData("--partitions", "0", "DefaultPartitions")]
    public void Broker_WithAnOutOfRangeSetting_ExitsWithAClearError(string flag, string value, string named)
    {
        var (exitCode, _, error) = Run("broker", flag, value, "--data-dir", Path.Combine(Path.GetTempPath(), $"unused-{Guid.NewGuid():N}"));

        Assert.Equal(1, exitCode);
        Assert.Contains(named, error);
    }

    [Fact]
    public void Broker_WithAMissingConfigFile_ExitsWithAClearError()
    {
        var (exitCode, _, error) = Run("broker", "--config", "/no/such/appsettings.json");

        Assert.Equal(1, exitCode);
        Assert.Contains("/no/such/appsettings.json", error);
    }

    [Fact]
    public void Broker_WithAnUnknownFsyncPolicy_IsAUsageError()
    {
        var (exitCode, _, error) = Run("broker", "--fsync", "sometimes");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("sometimes", error);
    }
}
