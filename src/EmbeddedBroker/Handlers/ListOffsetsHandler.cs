using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>
/// ListOffsets (key 2), v0–3: the latest offset (-1), the earliest (-2), or the first offset whose record
/// timestamp is at or after a given time — what replay-from-a-time uses. No such record: offset -1.
/// </summary>
internal sealed class ListOffsetsHandler(BrokerState broker) : ApiHandler<ListOffsetsRequest>(ApiKey.ListOffsets, 0, 3)
{
    protected override ListOffsetsRequest Read(ref KafkaReader reader) => ListOffsetsRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(ListOffsetsRequest request, RequestContext context) =>
        Respond(new ListOffsetsResponse([.. request.Topics.Select(t => new ListOffsetsResponse.TopicResult(t.Name,
            [.. t.Partitions.Select(p => Lookup(t.Name, p))]))]));

    private ListOffsetsResponse.PartitionResult Lookup(string topic, ListOffsetsRequest.PartitionQuery query)
    {
        var log = broker.Topics.Find(topic)?.Partition(query.Index);
        if (log is null)
        {
            return new ListOffsetsResponse.PartitionResult(query.Index, ErrorCode.UnknownTopicOrPartition, -1, -1);
        }
        return query.Timestamp switch
        {
            ListOffsetsRequest.Latest => new(query.Index, ErrorCode.None, -1, log.LogEndOffset),
            ListOffsetsRequest.Earliest => new(query.Index, ErrorCode.None, -1, log.LogStartOffset),
            < 0 => new(query.Index, ErrorCode.InvalidRequest, -1, -1),
            _ => log.OffsetForTimestamp(query.Timestamp) is var (offset, timestamp) && offset >= 0
                ? new(query.Index, ErrorCode.None, timestamp, offset)
                : new(query.Index, ErrorCode.None, -1, -1),
        };
    }
}
