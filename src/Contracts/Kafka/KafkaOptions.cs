using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace SensorStream.Contracts.Kafka;

/// <summary>
/// Where SensorStream's Kafka cluster and Schema Registry are, bound from the <c>Kafka</c> configuration section
/// (<c>SENSORSTREAM_Kafka__BootstrapServers</c>, <c>--bootstrap</c>, <c>--registry</c>). The defaults point at the
/// embedded broker on this machine; production points them at Apache Kafka and Confluent Schema Registry. Any other
/// librdkafka property (SASL, TLS, timeouts…) goes in <see cref="Common"/>, <see cref="Producer"/>,
/// <see cref="Consumer"/> or <see cref="Admin"/> by its librdkafka name and reaches every client of that kind unchanged,
/// e.g. <c>SENSORSTREAM_Kafka__Common__security.protocol=SASL_SSL</c>.
/// </summary>
public sealed class KafkaOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Kafka";

    /// <summary>Kafka <c>bootstrap.servers</c>, comma-separated <c>host:port</c>. Default <c>127.0.0.1:9092</c>.</summary>
    [Required]
    [MinLength(1)]
    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    /// <summary>Schema Registry base URL. Default <c>http://127.0.0.1:8081</c> (the embedded broker's HTTP port).</summary>
    [Required]
    public Uri SchemaRegistryUrl { get; set; } = new("http://127.0.0.1:8081");

    /// <summary><c>user:password</c> for the Schema Registry's HTTP basic authentication (Confluent Cloud: key:secret), or null. Default null.</summary>
    public string? SchemaRegistryBasicAuthUserInfo { get; set; }

    /// <summary>Timeout of one Schema Registry request. Default 30 s.</summary>
    public TimeSpan SchemaRegistryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Client id reported to the brokers (shows in group descriptions and broker logs). Default <c>sensorstream</c>.</summary>
    [Required]
    [MinLength(1)]
    public string ClientId { get; set; } = "sensorstream";

    /// <summary>librdkafka properties for every client (producers, consumers, admin), by librdkafka name. Default none.</summary>
    public Dictionary<string, string> Common { get; set; } = new(StringComparer.Ordinal);

    /// <summary>librdkafka properties for producers only; they win over <see cref="Common"/> and the roles' own tuning. Default none.</summary>
    public Dictionary<string, string> Producer { get; set; } = new(StringComparer.Ordinal);

    /// <summary>librdkafka properties for consumers only; they win over <see cref="Common"/> and the roles' own tuning. Default none.</summary>
    public Dictionary<string, string> Consumer { get; set; } = new(StringComparer.Ordinal);

    /// <summary>librdkafka properties for admin clients only; they win over <see cref="Common"/>. Default none.</summary>
    public Dictionary<string, string> Admin { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A producer configuration for these servers: <paramref name="tuning"/> (a role's defaults) first, then the
    /// configured <see cref="Common"/> and <see cref="Producer"/> properties, which override it.
    /// </summary>
    public ProducerConfig ProducerConfig(Action<ProducerConfig>? tuning = null)
    {
        var config = new ProducerConfig { BootstrapServers = BootstrapServers, ClientId = ClientId };
        tuning?.Invoke(config);
        return Configured(config, Producer);
    }

    /// <summary>A consumer configuration for these servers and <paramref name="groupId"/>; configured properties override <paramref name="tuning"/>.</summary>
    public ConsumerConfig ConsumerConfig(string groupId, Action<ConsumerConfig>? tuning = null)
    {
        var config = new ConsumerConfig { BootstrapServers = BootstrapServers, ClientId = ClientId, GroupId = groupId };
        tuning?.Invoke(config);
        return Configured(config, Consumer);
    }

    /// <summary>An admin client configuration for these servers with the configured <see cref="Common"/> and <see cref="Admin"/> properties.</summary>
    public AdminClientConfig AdminConfig() => Configured(new AdminClientConfig { BootstrapServers = BootstrapServers, ClientId = ClientId }, Admin);

    private T Configured<T>(T config, Dictionary<string, string> specific) where T : ClientConfig
    {
        foreach (var (name, value) in Common.Concat(specific))
        {
            config.Set(name, value);
        }
        return config;
    }
}
