using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>DescribeCluster (key 60), v0 (flexible): cluster id, controller and the one broker.</summary>
internal sealed class DescribeClusterHandler(BrokerState broker) : ApiHandler<EmptyRequest>(ApiKey.DescribeCluster, 0, 0, firstFlexibleVersion: 0)
{
    protected override EmptyRequest Read(ref KafkaReader reader) => EmptyRequest.ReadOneFlag(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(EmptyRequest request, RequestContext context) =>
        Respond(new DescribeClusterResponse(broker.ClusterId, BrokerState.NodeId, broker.Options.AdvertisedHost, broker.AdvertisedPort));
}
