using System.Globalization;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Cli;

/// <summary>Issue 11 item 5: a role of <c>up</c> that fails stops the platform, and the command exits non-zero naming the role and why.</summary>
public sealed class UpFailureTests : IDisposable
{
    private readonly TempDirectory _data = new("up-failure");

    [Fact]
    public async Task Up_WhenTheSinkCannotPrepareItsDatabase_StopsThePlatform_AndExitsNonZeroNamingTheSink()
    {
        var closedPort = BrokerProcess.FreePort();
        string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

        var result = await CliRunner.RunAsync("up", "--data-dir", _data.Path, "--port", Port(BrokerProcess.FreePort()), "--http-port", Port(BrokerProcess.FreePort()),
            "--metrics-port", "0", "--no-simulators", "--db", $"Host=127.0.0.1;Port={closedPort};Username=postgres;Database=nowhere;Timeout=3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SensorStream is up", result.Output);
        Assert.Contains("role sink failed", result.Error);
        Assert.Contains($"127.0.0.1:{closedPort}", result.Error);
        Assert.DoesNotContain("role processors failed", result.Error);
    }

    public void Dispose() => _data.Dispose();
}
