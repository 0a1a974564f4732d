using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>
/// OffsetFetch (key 9), v0–5: committed offsets; -1 with no error where nothing is committed (kafkajs throws
/// on any partition error, librdkafka then applies <c>auto.offset.reset</c>).
/// </summary>
internal sealed class OffsetFetchHandler(BrokerState broker) : ApiHandler<OffsetFetchRequest>(ApiKey.OffsetFetch, 0, 5)
{
    protected override OffsetFetchRequest Read(ref KafkaReader reader) => OffsetFetchRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(OffsetFetchRequest request, RequestContext context)
    {
        var offsets = broker.Groups.Offsets;
        var queries = request.Topics ?? offsets.GetAll(request.GroupId).Keys
            .GroupBy(k => k.Topic)
            .Select(g => new OffsetFetchRequest.TopicQuery(g.Key, [.. g.Select(k => k.Partition).Order()]))
            .ToList();
        var topics = queries.Select(t => new OffsetFetchResponse.TopicResult(t.Name, [.. t.Partitions.Select(p =>
            offsets.Get(request.GroupId, t.Name, p) is { } c
                ? new OffsetFetchResponse.PartitionResult(p, c.Offset, c.LeaderEpoch, c.Metadata, ErrorCode.None)
                : new OffsetFetchResponse.PartitionResult(p, -1, -1, string.Empty, ErrorCode.None))])).ToList();
        return Respond(new OffsetFetchResponse(topics, ErrorCode.None));
    }
}
