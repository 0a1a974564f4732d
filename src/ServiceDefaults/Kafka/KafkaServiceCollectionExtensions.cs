using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.ServiceDefaults.Hosting;

namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>Registers what every Kafka-using role shares: <see cref="KafkaOptions"/> (section <c>Kafka</c>) and one schema registry client.</summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="KafkaOptions"/> and registers the process's one <see cref="ISchemaRegistryClient"/>.</summary>
    public static IServiceCollection AddKafkaRuntime(this IServiceCollection services)
    {
        services.AddValidatedOptions<KafkaOptions>(KafkaOptions.SectionName, KafkaProblems);
        services.AddSingleton<ISchemaRegistryClient>(provider => CreateRegistryClient(provider.GetRequiredService<IOptions<KafkaOptions>>().Value));
        return services;
    }

    /// <summary>The registry client for <paramref name="kafka"/>: its URL, request timeout and basic-auth credentials.</summary>
    public static SchemaRegistryClient CreateRegistryClient(KafkaOptions kafka)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        return new SchemaRegistryClient(new SchemaRegistryClientOptions
        {
            Url = kafka.SchemaRegistryUrl,
            RequestTimeout = kafka.SchemaRegistryTimeout,
            BasicAuthUserInfo = kafka.SchemaRegistryBasicAuthUserInfo,
        });
    }

    private static IEnumerable<string> KafkaProblems(KafkaOptions kafka)
    {
        if (kafka.SchemaRegistryUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            yield return $"Kafka: SchemaRegistryUrl '{kafka.SchemaRegistryUrl}' is not an http(s) URL";
        }
        if (kafka.SchemaRegistryTimeout <= TimeSpan.Zero)
        {
            yield return "Kafka: SchemaRegistryTimeout must be positive";
        }
        if (kafka.SchemaRegistryBasicAuthUserInfo is { } userInfo && !userInfo.Contains(':', StringComparison.Ordinal))
        {
            yield return "Kafka: SchemaRegistryBasicAuthUserInfo must be user:password";
        }
        foreach (var (section, properties) in new[] { ("Common", kafka.Common), ("Producer", kafka.Producer), ("Consumer", kafka.Consumer), ("Admin", kafka.Admin) })
        {
            foreach (var name in properties.Keys.Where(k => k.Length == 0 || k.Any(char.IsWhiteSpace)))
            {
                yield return $"Kafka: {section}: '{name}' is not a librdkafka property name";
            }
        }
    }
}
