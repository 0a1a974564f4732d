using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>DeleteTopics (key 20), v0–3: deletes topics and their logs.</summary>
internal sealed class DeleteTopicsHandler(BrokerState broker) : ApiHandler<NameListRequest>(ApiKey.DeleteTopics, 0, 3)
{
    protected override NameListRequest Read(ref KafkaReader reader) => NameListRequest.ReadNamesThenTimeout(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(NameListRequest request, RequestContext context) =>
        Respond(new NameErrorListResponse([.. request.Names.Select(t => (t, broker.Topics.Delete(t)))], ThrottleFromVersion: 1));
}
