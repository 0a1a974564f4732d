using SensorStream.ServiceDefaults.Configuration;
using SensorStream.StreamProcessors;

namespace SensorStream.Tests.StreamProcessors.Configuration;

/// <summary>Binding and validation of the <c>Processors</c> configuration section.</summary>
public sealed class ProcessingOptionsTests
{
    private static ProcessingOptions Bind(Dictionary<string, string?> values) =>
        SensorStreamConfiguration.Bind<ProcessingOptions>(SensorStreamConfiguration.Build(values), ProcessingOptions.SectionName);

    [Fact]
    public void Defaults_AreValid_AndRunEveryProcessor()
    {
        var options = Bind([]);
        Assert.Empty(options.Validate());
        Assert.Equal(["environment", "rollup", "vibration", "trips"], options.Run);
        Assert.Equal(["1m", "1h"], options.Environment.Windows);
        Assert.Equal("10s", options.Vibration.Window);
    }

    [Fact]
    public void ListsFromConfiguration_ReplaceTheDefaults_RatherThanAppendToThem()
    {
        var options = Bind(new() { ["Processors:Run:0"] = "vibration", ["Processors:Environment:Windows:0"] = "5m/1m" });
        Assert.Equal(["vibration"], options.Run);
        Assert.Equal(["5m/1m"], options.Environment.Windows);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("Processors:Run:0", "sinks", "unknown processor 'sinks'")]
    [InlineData("Processors:Environment:Windows:0", "7x", "window '7x'")]
    [InlineData("Processors:Environment:Windows:0", "1m/7s", "the advance must divide the size")]
    [InlineData("Processors:Vibration:Window", "-10s", "-10s")]
    [InlineData("Processors:Anomalies:Alpha", "1.5", "Alpha must be between 0 and 1")]
    public void InvalidValues_AreReportedByName(string key, string value, string expected)
    {
        var problems = Bind(new() { [key] = value }).Validate();
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }
}
