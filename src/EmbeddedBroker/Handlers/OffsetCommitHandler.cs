using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>OffsetCommit (key 8), v0–7: stores a group's positions durably before answering.</summary>
internal sealed class OffsetCommitHandler(BrokerState broker) : ApiHandler<OffsetCommitRequest>(ApiKey.OffsetCommit, 0, 7)
{
    /// <summary>Largest commit metadata string accepted (Kafka's <c>offset.metadata.max.bytes</c> default).</summary>
    private const int MaxMetadataLength = 4096;

    protected override OffsetCommitRequest Read(ref KafkaReader reader) => OffsetCommitRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(OffsetCommitRequest request, RequestContext context)
    {
        var accepted = new List<(string, int, long, int, string?)>();
        var results = new List<OffsetCommitResponse.TopicResult>();
        foreach (var topic in request.Topics)
        {
            var partitions = new List<(int Index, ErrorCode Error)>();
            foreach (var p in topic.Partitions)
            {
                var error = p.Metadata is { Length: > MaxMetadataLength } ? ErrorCode.OffsetMetadataTooLarge
                    : broker.Topics.Find(topic.Name)?.Partition(p.Index) is null ? ErrorCode.UnknownTopicOrPartition
                    : ErrorCode.None;
                if (error == ErrorCode.None)
                {
                    accepted.Add((topic.Name, p.Index, p.Offset, p.LeaderEpoch, p.Metadata));
                }
                partitions.Add((p.Index, error));
            }
            results.Add(new OffsetCommitResponse.TopicResult(topic.Name, [.. partitions.Select(p => new OffsetCommitResponse.PartitionResult(p.Index, p.Error))]));
        }
        var groupError = broker.Groups.Commit(request.GroupId, request.MemberId, request.GenerationId, accepted);
        if (groupError != ErrorCode.None)
        {
            results = [.. results.Select(t => t with { Partitions = [.. t.Partitions.Select(p => p with { Error = groupError })] })];
        }
        return Respond(new OffsetCommitResponse(results));
    }
}
