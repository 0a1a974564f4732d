using System.Net;
using System.Net.Sockets;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Sinks;

/// <summary>What a user sees from <c>sensorstream sink</c> when something is wrong before any record is read.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class SinkCommandTests
{
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Help_ListsTheDatabaseGroupAndKafkaOptions()
    {
        var result = await CliRunner.RunAsync("sink", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--db", "--group", "--bootstrap", "--registry", "--batch", "--storage", "--locations", "--config" })
        {
            Assert.Contains(option, result.Output);
        }
    }

    [Fact]
    public async Task Sink_WithAMalformedConnectionString_ExitsWithAClearError()
    {
        var result = await CliRunner.RunAsync("sink", "--db", "Hots=127.0.0.1;Port=5432");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ConnectionString is not a valid Npgsql connection string", result.Error);
        Assert.Contains("hots", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sink_WithAnInvalidBatchSize_ExitsNamingTheSetting()
    {
        var result = await CliRunner.RunAsync("sink", "--batch", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MaxBatchRecords", result.Error);
    }

    [Fact]
    public async Task Sink_WithAnUnknownSettingInTheConfigFile_ExitsNamingIt()
    {
        using var directory = new TempDirectory();
        var config = directory.Sub("appsettings.json");
        await File.WriteAllTextAsync(config, """{ "Sinks": { "BatchSize": 10 } }""", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("sink", "--config", config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("BatchSize", result.Error);
    }

    [Fact]
    public async Task Sink_WhenTheDatabaseIsUnreachable_ExitsSayingWhere()
    {
        var port = ClosedPort();

        var result = await CliRunner.RunAsync("sink", "--db", $"Host=127.0.0.1;Port={port};Username=postgres;Database=nowhere;Timeout=3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"cannot prepare the database at 127.0.0.1:{port}/nowhere", result.Error);
        Assert.Contains("refused", result.Error, StringComparison.OrdinalIgnoreCase);
    }
}
