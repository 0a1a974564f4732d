using SensorStream.EmbeddedBroker;
using SensorStream.ServiceDefaults.Configuration;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Foundation;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ConfigurationLayeringTests
{
    [Fact]
    public void FlagsOverrideEnvironment_WhichOverridesTheFile_WhichOverridesDefaults()
    {
        using var dir = new TempDirectory("config");
        var file = dir.Sub("appsettings.json");
        File.WriteAllText(file, """{ "Broker": { "Port": 1111, "DefaultPartitions": 3, "DataDir": "/from/file", "Retention": "2.00:00:00" } }""");
        Environment.SetEnvironmentVariable("SENSORSTREAM_Broker__DefaultPartitions", "4");
        Environment.SetEnvironmentVariable("SENSORSTREAM_Broker__DataDir", "/from/env");
        try
        {
            var configuration = SensorStreamConfiguration.Build(new Dictionary<string, string?> { ["Broker:DataDir"] = "/from/flag" }, file);
            var options = SensorStreamConfiguration.Bind<BrokerOptions>(configuration, BrokerOptions.SectionName);

            Assert.Equal(1111, options.Port);
            Assert.Equal(4, options.DefaultPartitions);
            Assert.Equal("/from/flag", options.DataDir);
            Assert.Equal(TimeSpan.FromDays(2), options.Retention);
            Assert.Equal(8081, options.HttpPort);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SENSORSTREAM_Broker__DefaultPartitions", null);
            Environment.SetEnvironmentVariable("SENSORSTREAM_Broker__DataDir", null);
        }
    }

    [Fact]
    public void UnknownSetting_IsAnErrorNamingIt_NotSilentlyIgnored()
    {
        using var dir = new TempDirectory("config");
        var file = dir.Sub("appsettings.json");
        File.WriteAllText(file, """{ "Broker": { "Prot": 1 } }""");

        var configuration = SensorStreamConfiguration.Build(new Dictionary<string, string?>(), file);
        var error = Assert.Throws<InvalidOperationException>(() => SensorStreamConfiguration.Bind<BrokerOptions>(configuration, BrokerOptions.SectionName));

        Assert.Contains("Prot", error.Message);
    }

    [Fact]
    public void MalformedValue_IsAnErrorNamingTheSetting()
    {
        var configuration = SensorStreamConfiguration.Build(new Dictionary<string, string?> { ["Broker:Port"] = "ninety" });

        var error = Assert.Throws<InvalidOperationException>(() => SensorStreamConfiguration.Bind<BrokerOptions>(configuration, BrokerOptions.SectionName));

        Assert.Contains("Port", error.Message);
    }

    [Fact]
    public void BrokerOptions_Validate_ListsEveryProblem()
    {
        var problems = new BrokerOptions { Port = -5, DefaultPartitions = 0, FsyncInterval = TimeSpan.Zero }.Validate();

        Assert.Contains(problems, p => p.Contains("Port", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("DefaultPartitions", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("FsyncInterval", StringComparison.Ordinal));
    }
}
