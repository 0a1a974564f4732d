using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>
/// Fetch (key 1), v4–11: reads whole record batches from each requested partition, within the request's and
/// each partition's byte limits (but always one whole batch for the first partition that has data, so a
/// large batch never blocks a consumer). Long polling: with less than <c>min_bytes</c> available, waits until
/// any requested partition grows or <c>max_wait_ms</c> passes.
/// </summary>
internal sealed class FetchHandler(BrokerState broker) : ApiHandler<FetchRequest>(ApiKey.Fetch, 4, 11)
{
    protected override FetchRequest Read(ref KafkaReader reader) => FetchRequest.Read(ref reader);

    protected override async ValueTask<IResponse?> HandleAsync(FetchRequest request, RequestContext context)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Math.Max(0, request.MaxWaitMs));
        while (true)
        {
            var response = ReadOnce(request, out var totalBytes, out var anyError);
            var remaining = deadline - DateTime.UtcNow;
            if (totalBytes >= Math.Max(1, request.MinBytes) || anyError || remaining <= TimeSpan.Zero || context.Aborted.IsCancellationRequested)
            {
                return response;
            }
            response.Dispose();
            await WaitForAnyDataAsync(request, remaining, context.Aborted).ConfigureAwait(false);
        }
    }

    private FetchResponse ReadOnce(FetchRequest request, out int totalBytes, out bool anyError)
    {
        var data = new KafkaWriter(64 * 1024);
        var total = 0;
        var error = false;
        var topics = new List<FetchResponse.TopicResult>(request.Topics.Count);
        foreach (var topicFetch in request.Topics)
        {
            var topic = broker.Topics.Find(topicFetch.Name);
            var partitions = new List<FetchResponse.PartitionResult>(topicFetch.Partitions.Count);
            foreach (var fetch in topicFetch.Partitions)
            {
                var log = topic?.Partition(fetch.Index);
                if (log is null)
                {
                    partitions.Add(new FetchResponse.PartitionResult(fetch.Index, ErrorCode.UnknownTopicOrPartition, -1, -1, 0, 0));
                    error = true;
                    continue;
                }
                var start = data.Length;
                var budget = Math.Min(fetch.MaxBytes, request.MaxBytes - total);
                var (readError, bytes) = budget > 0 || total == 0
                    ? log.Read(fetch.FetchOffset, Math.Max(0, budget), atLeastOneBatch: total == 0, data)
                    : (ErrorCode.None, 0);
                error |= readError != ErrorCode.None;
                total += bytes;
                partitions.Add(new FetchResponse.PartitionResult(fetch.Index, readError, log.LogEndOffset, log.LogStartOffset, start, bytes));
            }
            topics.Add(new FetchResponse.TopicResult(topicFetch.Name, partitions));
        }
        totalBytes = total;
        anyError = error;
        return new FetchResponse(topics, data);
    }

    private async Task WaitForAnyDataAsync(FetchRequest request, TimeSpan timeout, CancellationToken aborted)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeoutSource.CancelAfter(timeout);
        var waits = request.Topics
            .SelectMany(t => t.Partitions.Select(p => (Log: broker.Topics.Find(t.Name)?.Partition(p.Index), p.FetchOffset)))
            .Where(x => x.Log is not null)
            .Select(x => x.Log!.WaitForDataAsync(x.FetchOffset, timeoutSource.Token))
            .ToList();
        if (waits.Count == 0)
        {
            waits.Add(Task.Delay(timeout, aborted));
        }
        try
        {
            await Task.WhenAny(waits).ConfigureAwait(false);
        }
        finally
        {
            await timeoutSource.CancelAsync().ConfigureAwait(false);
        }
        // Observe the cancelled waits so their exceptions are not reported as unobserved.
        foreach (var wait in waits)
        {
            _ = wait.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
    }
}
