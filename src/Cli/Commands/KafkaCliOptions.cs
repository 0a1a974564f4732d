using System.CommandLine;
using SensorStream.Contracts.Kafka;
using SensorStream.ServiceDefaults.Configuration;

namespace SensorStream.Cli.Commands;

/// <summary>The <c>--bootstrap</c>/<c>--registry</c> pair every Kafka-using command takes, plus <c>--config</c> and <c>--log-level</c>.</summary>
internal sealed class KafkaCliOptions
{
    public Option<string> Bootstrap { get; } = new("--bootstrap") { Description = "Kafka bootstrap servers (host:port,…). Default 127.0.0.1:9092, the embedded broker." };

    public Option<string> Registry { get; } = new("--registry")
    {
        Description = "Schema Registry URL. Default http://127.0.0.1:8081, the embedded broker's HTTP port.",
        Validators =
        {
            result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    result.AddError($"--registry '{text}' is not an http(s) URL");
                }
            },
        },
    };

    public Option<FileInfo?> Config { get; } = CommonOptions.Config();

    public Option<Microsoft.Extensions.Logging.LogLevel> LogLevel { get; } = CommonOptions.LogLevel();

    public void AddTo(Command command)
    {
        command.Options.Add(Bootstrap);
        command.Options.Add(Registry);
        command.Options.Add(Config);
        command.Options.Add(LogLevel);
    }

    /// <summary>Builds the layered configuration with these flags (and <paramref name="more"/>) on top.</summary>
    public Microsoft.Extensions.Configuration.IConfigurationRoot Configuration(ParseResult parseResult, Dictionary<string, string?>? more = null)
    {
        var overrides = more ?? [];
        overrides.AddIfGiven(parseResult, Bootstrap, "Kafka:BootstrapServers");
        overrides.AddIfGiven(parseResult, Registry, "Kafka:SchemaRegistryUrl");
        return SensorStreamConfiguration.Build(overrides, parseResult.GetValue(Config)?.FullName);
    }

    public static KafkaOptions Kafka(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        SensorStreamConfiguration.Bind<KafkaOptions>(configuration, KafkaOptions.SectionName);
}
