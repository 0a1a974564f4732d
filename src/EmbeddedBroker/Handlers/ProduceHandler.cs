using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;
using SensorStream.EmbeddedBroker.Storage;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>
/// Produce (key 0), v3–7: validates each partition's record batches, checks idempotent sequences, appends,
/// and (under <see cref="FsyncPolicy.Always"/>) fsyncs before answering. acks=0 gets no response at all.
/// </summary>
internal sealed partial class ProduceHandler(BrokerState broker, ILogger logger) : ApiHandler<ProduceRequest>(ApiKey.Produce, 3, 7)
{
    protected override ProduceRequest Read(ref KafkaReader reader) => ProduceRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(ProduceRequest request, RequestContext context)
    {
        var appended = new List<PartitionLog>();
        var results = request.Topics.Select(t => new ProduceResponse.TopicResult(t.Name,
            [.. t.Partitions.Select(p => Append(request, t.Name, p, context, appended))])).ToList();
        if (broker.Options.Fsync == FsyncPolicy.Always && request.Acks != 0)
        {
            foreach (var log in appended)
            {
                log.Flush();
            }
        }
        return request.Acks == 0 ? ValueTask.FromResult<IResponse?>(null) : Respond(new ProduceResponse(results));
    }

    private ProduceResponse.PartitionResult Append(ProduceRequest request, string topicName, ProduceRequest.PartitionData partition,
        RequestContext context, List<PartitionLog> appended)
    {
        ProduceResponse.PartitionResult Fail(ErrorCode error, long logStart = -1) => new(partition.Index, error, -1, logStart);

        if (request.TransactionalId is not null)
        {
            return Fail(ErrorCode.TransactionalIdAuthorizationFailed);
        }
        if (request.Acks is not (0 or 1 or -1))
        {
            return Fail(ErrorCode.InvalidRequiredAcks);
        }
        var topic = broker.Topics.Find(topicName);
        var log = topic?.Partition(partition.Index);
        if (topic is null || log is null)
        {
            return Fail(ErrorCode.UnknownTopicOrPartition);
        }
        if (partition.Records is not { Length: > 0 } records)
        {
            return Fail(ErrorCode.CorruptMessage, log.LogStartOffset);
        }
        var validation = RecordBatchValidator.Validate(records.Span, topic.Config.MaxMessageBytes);
        if (!validation.IsValid)
        {
            LogBatchRejected(logger, topicName, partition.Index, context.ClientHost, context.ClientId, validation.Reason!);
            return Fail(validation.Error, log.LogStartOffset);
        }
        // The request buffer is ours until the response is sent: base offsets are written into it in place.
        var result = log.Append(MemoryMarshal.AsMemory(records), validation.Batches);
        if (result.Error != ErrorCode.None)
        {
            LogBatchRejected(logger, topicName, partition.Index, context.ClientHost, context.ClientId, result.Message ?? result.Error.ToString());
            return Fail(result.Error, result.LogStartOffset);
        }
        if (!result.IsDuplicate)
        {
            appended.Add(log);
            broker.Metrics.RecordsAppended(topicName, validation.Batches.Sum(b => b.RecordCount));
        }
        return new ProduceResponse.PartitionResult(partition.Index, ErrorCode.None, result.BaseOffset, result.LogStartOffset);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Refused records for {Topic}-{Partition} from {ClientHost} ({ClientId}): {Reason}")]
    private static partial void LogBatchRejected(ILogger logger, string topic, int partition, string clientHost, string clientId, string reason);
}
