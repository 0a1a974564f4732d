using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>CreateTopics (key 19), v0–4. One node: replication factor must be 1 or -1 (default), no manual assignments.</summary>
internal sealed class CreateTopicsHandler(BrokerState broker) : ApiHandler<CreateTopicsRequest>(ApiKey.CreateTopics, 0, 4)
{
    protected override CreateTopicsRequest Read(ref KafkaReader reader) => CreateTopicsRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(CreateTopicsRequest request, RequestContext context) =>
        Respond(new TopicErrorListResponse([.. request.Topics.Select(t => Create(t, request.ValidateOnly))], ThrottleFromVersion: 2, MessageFromVersion: 1));

    private (string, ErrorCode, string?) Create(CreateTopicsRequest.NewTopic topic, bool validateOnly)
    {
        if (topic.ReplicationFactor is not (1 or -1))
        {
            return (topic.Name, ErrorCode.InvalidReplicationFactor, $"replication factor {topic.ReplicationFactor} is impossible on a single node; use 1");
        }
        if (topic.AssignmentCount > 0)
        {
            return (topic.Name, ErrorCode.InvalidReplicaAssignment, "manual replica assignment is not supported on a single node");
        }
        var configs = topic.Configs.ToDictionary(c => c.Key, c => c.Value);
        var (error, message) = broker.Topics.Create(topic.Name, topic.Partitions, configs, validateOnly);
        return (topic.Name, error, message);
    }
}
