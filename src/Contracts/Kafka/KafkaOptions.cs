using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace SensorStream.Contracts.Kafka;

/// <summary>
/// Where SensorStream's Kafka cluster and Schema Registry are, bound from the <c>Kafka</c> configuration section
/// (<c>SENSORSTREAM_Kafka__BootstrapServers</c>, <c>--bootstrap</c>, <c>--registry</c>). The defaults point at the
/// embedded broker on this machine; production points them at Apache Kafka and Confluent Schema Registry.
/// </summary>
public sealed class KafkaOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Kafka";

    /// <summary>Kafka <c>bootstrap.servers</c>, comma-separated <c>host:port</c>. Default <c>127.0.0.1:9092</c>.</summary>
    [Required]
    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    /// <summary>Schema Registry base URL. Default <c>http://127.0.0.1:8081</c> (the embedded broker's HTTP port).</summary>
    [Required]
    public Uri SchemaRegistryUrl { get; set; } = new("http://127.0.0.1:8081");

    /// <summary>Client id reported to the brokers (shows in group descriptions and broker logs). Default <c>sensorstream</c>.</summary>
    [Required]
    public string ClientId { get; set; } = "sensorstream";

    /// <summary>A producer configuration for these servers; callers add their own tuning.</summary>
    public ProducerConfig ProducerConfig() => new() { BootstrapServers = BootstrapServers, ClientId = ClientId };

    /// <summary>A consumer configuration for these servers and <paramref name="groupId"/>.</summary>
    public ConsumerConfig ConsumerConfig(string groupId) => new() { BootstrapServers = BootstrapServers, ClientId = ClientId, GroupId = groupId };
}
