using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>CreatePartitions (key 37), v0–1: raises partition counts (existing keys keep their partitions).</summary>
internal sealed class CreatePartitionsHandler(BrokerState broker) : ApiHandler<CreatePartitionsRequest>(ApiKey.CreatePartitions, 0, 1)
{
    protected override CreatePartitionsRequest Read(ref KafkaReader reader) => CreatePartitionsRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(CreatePartitionsRequest request, RequestContext context) =>
        Respond(new TopicErrorListResponse([.. request.Topics.Select(t =>
        {
            var (error, message) = broker.Topics.AddPartitions(t.Name, t.Count, request.ValidateOnly);
            return (t.Name, error, message);
        })], ThrottleFromVersion: 0, MessageFromVersion: 0));
}
