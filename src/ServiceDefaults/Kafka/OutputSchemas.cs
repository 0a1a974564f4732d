using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>
/// Registers the schemas a role writes before it reads anything. The serializers then find every id in the registry
/// client's cache, so producing an output never calls the registry — and a registry outage can only fail a decode,
/// which is retried before any state changes, never half-way through handling a record.
/// </summary>
public static class OutputSchemas
{
    /// <summary>Registers <typeparamref name="T"/>'s schema under <paramref name="topic"/>'s value subject (TopicNameStrategy), as the serializer would.</summary>
    public static Task<int> RegisterAsync<T>(ISchemaRegistryClient registry, string topic, CancellationToken cancellationToken) where T : class, IAvroEvent<T>
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.RegisterSchemaAsync(Topics.ValueSubject(topic), T.Schema.ToJson(), cancellationToken);
    }
}
