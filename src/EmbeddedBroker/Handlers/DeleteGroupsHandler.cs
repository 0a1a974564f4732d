using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>DeleteGroups (key 42), v0–1: removes empty groups and their committed offsets.</summary>
internal sealed class DeleteGroupsHandler(BrokerState broker) : ApiHandler<NameListRequest>(ApiKey.DeleteGroups, 0, 1)
{
    protected override NameListRequest Read(ref KafkaReader reader) => NameListRequest.ReadNames(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(NameListRequest request, RequestContext context) =>
        Respond(new NameErrorListResponse([.. request.Names.Select(g => (g, broker.Groups.Delete(g)))], ThrottleFromVersion: 0));
}
