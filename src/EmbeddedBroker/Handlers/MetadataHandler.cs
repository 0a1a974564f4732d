using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;
using SensorStream.EmbeddedBroker.Storage;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>
/// Metadata (key 3), v0–6: this node as the only broker, controller and leader of every partition.
/// Topics asked for by name are auto-created when the client allows it and the broker is configured to.
/// </summary>
internal sealed class MetadataHandler(BrokerState broker) : ApiHandler<MetadataRequest>(ApiKey.Metadata, 0, 6)
{
    protected override MetadataRequest Read(ref KafkaReader reader) => MetadataRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(MetadataRequest request, RequestContext context)
    {
        var topics = request.Topics is null
            ? broker.Topics.Topics.OrderBy(t => t.Name, StringComparer.Ordinal).Select(Describe).ToList()
            : request.Topics.Distinct().Select(name => Lookup(name, request.AllowAutoTopicCreation)).ToList();
        var self = new MetadataResponse.Broker(BrokerState.NodeId, broker.Options.AdvertisedHost, broker.AdvertisedPort);
        return Respond(new MetadataResponse([self], broker.ClusterId, BrokerState.NodeId, topics));
    }

    private MetadataResponse.TopicMetadata Lookup(string name, bool allowAutoCreate)
    {
        if (TopicNames.Problem(name) is not null)
        {
            return new MetadataResponse.TopicMetadata(ErrorCode.InvalidTopicException, name, []);
        }
        var topic = allowAutoCreate ? broker.Topics.FindOrAutoCreate(name) : broker.Topics.Find(name);
        return topic is null ? new MetadataResponse.TopicMetadata(ErrorCode.UnknownTopicOrPartition, name, []) : Describe(topic);
    }

    private static MetadataResponse.TopicMetadata Describe(Topic topic) =>
        new(ErrorCode.None, topic.Name, [.. Enumerable.Range(0, topic.Partitions.Count)]);
}
