using SensorStream.EmbeddedBroker.Groups;
using SensorStream.EmbeddedBroker.Metrics;
using SensorStream.EmbeddedBroker.Storage;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>What handlers share: the topics, the group coordinator, identity and settings of this node.</summary>
internal sealed class BrokerState(BrokerOptions options, string clusterId, TopicStore topics, GroupCoordinator groups,
    ProducerIdAllocator producerIds, BrokerMetrics metrics)
{
    /// <summary>The only node of this cluster; also its controller and every partition's leader.</summary>
    public const int NodeId = 1;

    public BrokerOptions Options { get; } = options;

    public string ClusterId { get; } = clusterId;

    public TopicStore Topics { get; } = topics;

    public GroupCoordinator Groups { get; } = groups;

    public ProducerIdAllocator ProducerIds { get; } = producerIds;

    public BrokerMetrics Metrics { get; } = metrics;

    /// <summary>The Kafka port clients are told to connect to; known once the listener is bound.</summary>
    public int AdvertisedPort { get; set; }
}
