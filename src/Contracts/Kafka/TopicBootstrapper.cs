using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace SensorStream.Contracts.Kafka;

/// <summary>
/// Creates SensorStream's topics when they are missing, so no service depends on broker-side auto-creation
/// (librdkafka consumers do not trigger it, and production clusters usually disable it).
/// </summary>
public static class TopicBootstrapper
{
    /// <summary>Partitions of topics created here. Default 6, the embedded broker's default too.</summary>
    public const int DefaultPartitions = 6;

    /// <summary>Creates each of <paramref name="topics"/> that does not exist yet; existing topics are left as they are.</summary>
    /// <exception cref="KafkaException">The cluster cannot be reached or refuses the creation (the message says why).</exception>
    public static async Task EnsureAsync(KafkaOptions kafka, IEnumerable<string> topics, int partitions = DefaultPartitions, TimeSpan? timeout = null)
    {
        using var admin = new AdminClientBuilder(kafka.AdminConfig()).Build();
        var wait = timeout ?? TimeSpan.FromSeconds(30);
        var existing = admin.GetMetadata(wait).Topics.Where(t => t.Error.Code == ErrorCode.NoError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var missing = topics.Distinct().Where(t => !existing.Contains(t)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        try
        {
            await admin.CreateTopicsAsync(
                missing.Select(t => new TopicSpecification { Name = t, NumPartitions = partitions, ReplicationFactor = -1 }),
                new CreateTopicsOptions { RequestTimeout = wait }).ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another service created them first.
        }
    }
}
