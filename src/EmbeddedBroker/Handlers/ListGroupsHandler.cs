using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>ListGroups (key 16), v0–2: every group with members or committed offsets.</summary>
internal sealed class ListGroupsHandler(BrokerState broker) : ApiHandler<EmptyRequest>(ApiKey.ListGroups, 0, 2)
{
    protected override EmptyRequest Read(ref KafkaReader reader) => EmptyRequest.Instance;

    protected override ValueTask<IResponse?> HandleAsync(EmptyRequest request, RequestContext context) =>
        Respond(new ListGroupsResponse([.. broker.Groups.GroupIds.Order(StringComparer.Ordinal)
            .Select(id => (id, broker.Groups.Find(id)?.ProtocolType ?? string.Empty))]));
}
