using SensorStream.Storage;
using Microsoft.Extensions.Configuration;
using SensorStream.ServiceDefaults.Configuration;
using SensorStream.Sinks;

namespace SensorStream.Tests.Sinks;

public sealed class SinkOptionsTests
{
    private static SinkOptions Bind(params (string Key, string Value)[] settings) =>
        SensorStreamConfiguration.Bind<SinkOptions>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(), SinkOptions.SectionName);

    [Fact]
    public void Defaults_AreValid_AndSinkEveryKnownTopic()
    {
        var options = new SinkOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(SinkOptions.KnownTopics, options.Topics);
        Assert.Equal(9, options.Topics.Count);
    }

    [Theory]
    [InlineData("Sinks:ConnectionString", "Host=;Port=5432", "names no Host")]
    [InlineData("Sinks:ConnectionString", "Hots=x", "not a valid Npgsql connection string")]
    [InlineData("Sinks:MaxBatchRecords", "0", "MaxBatchRecords")]
    [InlineData("Sinks:MaxBatchDelay", "00:00:00", "MaxBatchDelay")]
    [InlineData("Sinks:RetryMaxDelay", "00:00:00.010", "RetryMaxDelay")]
    [InlineData("Sinks:AcceptCorrectionScore", "1.5", "AcceptCorrectionScore")]
    [InlineData("Sinks:Topics:0", "late.events", "unknown topic 'late.events'")]
    [InlineData("Sinks:GroupId", " ", "GroupId")]
    [InlineData("Sinks:Retention:VibrationBlocks", "1.00:00:00", "Retention:VibrationBlocks must be at least 3 days")]
    public void Validate_NamesTheBadSetting(string key, string value, string expected)
    {
        var problems = Bind((key, value)).Validate();

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ConfiguredTopics_ReplaceTheDefaultList()
    {
        var options = Bind(("Sinks:Topics:0", "sensors.vibration"), ("Sinks:Storage", "Plain"));

        Assert.Equal(["sensors.vibration"], options.Topics);
        Assert.Equal(StorageMode.Plain, options.Storage);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Retention_IsBound_AndEmptyOrZeroKeepsATableForGood()
    {
        var options = Bind(("Sinks:Retention:VibrationBlocks", "30.00:00:00"), ("Sinks:Retention:EnvironmentReadings", ""), ("Sinks:Retention:WindowAggregates", "0"));

        Assert.Empty(options.Validate());
        Assert.Equal(
            [("vibration_blocks", TimeSpan.FromDays(30)), ("environment_readings", null), ("window_aggregates", null), ("vibration_diagnoses", null)],
            options.Retention.Tables);
        Assert.Equal([("vibration_blocks", TimeSpan.FromDays(90)), ("environment_readings", TimeSpan.FromDays(400)), ("window_aggregates", null), ("vibration_diagnoses", null)],
            new SinkOptions().Retention.Tables);
    }
}
