using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>FindCoordinator (key 10), v0–2: this node coordinates every group; transactions are not offered.</summary>
internal sealed class FindCoordinatorHandler(BrokerState broker) : ApiHandler<FindCoordinatorRequest>(ApiKey.FindCoordinator, 0, 2)
{
    protected override FindCoordinatorRequest Read(ref KafkaReader reader) => FindCoordinatorRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(FindCoordinatorRequest request, RequestContext context) =>
        Respond(request.KeyType == FindCoordinatorRequest.GroupKey
            ? new FindCoordinatorResponse(ErrorCode.None, null, BrokerState.NodeId, broker.Options.AdvertisedHost, broker.AdvertisedPort)
            : new FindCoordinatorResponse(ErrorCode.CoordinatorNotAvailable, "the embedded broker has no transaction coordinator", -1, string.Empty, -1));
}
