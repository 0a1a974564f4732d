using System.Collections.Concurrent;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts.Kafka;
using SensorStream.StreamProcessors.Pipeline;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>
/// Runs one processor as a Kafka consumer group: source (a consumer on its own thread) → keyed stage (one lane per
/// assigned partition, so each partition's state is owned by one lane) → sink (an idempotent producer). Every
/// <see cref="HostOptions.CommitInterval"/>, and when partitions are revoked, it reads each partition's safe offset,
/// waits until every output handed over before it is acknowledged, then commits — so a crash at any point replays
/// from an offset whose effects are all either committed downstream or rebuilt by the replay (at-least-once with
/// deterministic, keyed outputs). Partitions queue a bounded number of records and outputs; a slow producer slows
/// consumption.
/// </summary>
internal sealed partial class ProcessorHost(string name, KafkaOptions kafka, IReadOnlyList<string> topics, ProcessorContext context,
    Func<TopicPartition, ICommittableProcessor> createProcessor, HostOptions options)
{
    private static readonly OutputRecord Barrier = new(string.Empty, null, null);
    private readonly ConcurrentQueue<TaskCompletionSource> _barriers = new();
    private readonly Channel<OutputRecord> _outputs = Channel.CreateBounded<OutputRecord>(new BoundedChannelOptions(options.OutputQueue) { SingleReader = true });
    private long _deliveryFailures;
    private string? _lastDeliveryError;

    /// <summary>The processor's name (for logs).</summary>
    public string Name { get; } = name;

    /// <summary>Runs until cancelled; throws <see cref="ProcessorFailedException"/> if outputs could not be delivered.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var producerConfig = kafka.ProducerConfig();
        producerConfig.EnableIdempotence = true;
        producerConfig.LingerMs = 5;
        producerConfig.CompressionType = CompressionType.Lz4;
        // Delivery reports are read for their error only; not copying key, value and headers back saves a marshal per output.
        producerConfig.DeliveryReportFields = "status";
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(producerConfig)
            .SetErrorHandler((_, e) => LogClientError(context.Logger, Name, "producer", e.Reason))
            .Build();
        var sink = Task.Run(() => SinkAsync(_outputs.Reader, producer), CancellationToken.None);
        var stage = new KeyedStage<TopicPartition, SourceRecord, OutputRecord>(tp => createProcessor(tp), _outputs.Writer,
            error => LogLaneError(context.Logger, error.Exception, Name, error.Key.ToString(), error.Item?.Offset ?? -1), new StageOptions { LaneCapacity = options.PartitionQueue });
        try
        {
            await Task.Factory.StartNew(() => Consume(stage, producer, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
        finally
        {
            await stage.DisposeAsync().ConfigureAwait(false);
            _outputs.Writer.TryComplete();
            await sink.ConfigureAwait(false);
            producer.Flush(TimeSpan.FromSeconds(30));
        }
    }

    private void Consume(KeyedStage<TopicPartition, SourceRecord, OutputRecord> stage, IProducer<byte[]?, byte[]?> producer, CancellationToken cancellationToken)
    {
        var config = kafka.ConsumerConfig(context.GroupId);
        config.EnableAutoCommit = false;
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.SessionTimeoutMs = (int)options.SessionTimeout.TotalMilliseconds;
        config.HeartbeatIntervalMs = Math.Max(100, config.SessionTimeoutMs.Value / 5);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, e) => LogClientError(context.Logger, Name, "consumer", e.Reason))
            .SetPartitionsAssignedHandler((_, assigned) =>
            {
                // Every assigned partition gets a lane now, so an empty one is ticked (and can say it has nothing) too.
                foreach (var partition in assigned)
                {
                    stage.EnsureLane(partition);
                }
                LogAssigned(context.Logger, Name, string.Join(", ", assigned));
            })
            .SetPartitionsRevokedHandler((c, revoked) => Revoke(c, stage, producer, revoked.Select(r => r.TopicPartition).ToList()))
            .Build();
        consumer.Subscribe(topics);
        var nextCommit = DateTime.UtcNow + options.CommitInterval;
        var nextTick = DateTime.UtcNow + options.TickInterval;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]?>? result = null;
                try
                {
                    result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    LogClientError(context.Logger, Name, "consume", e.Error.Reason);
                }
                if (result?.Message is not null)
                {
                    stage.WriteAsync(result.TopicPartition, SourceRecord.From(result), cancellationToken).AsTask().GetAwaiter().GetResult();
                }
                var now = DateTime.UtcNow;
                if (now >= nextTick)
                {
                    TickCaughtUpPartitions(consumer, stage, cancellationToken);
                    nextTick = now + options.TickInterval;
                }
                if (now >= nextCommit)
                {
                    Commit(consumer, stage, producer, stage.Keys);
                    nextCommit = now + options.CommitInterval;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        // Leaving: every partition is revoked, which drains, flushes and commits it.
        consumer.Close();
    }

    /// <summary>
    /// Ticks only partitions the consumer has read to their end: a partition that is merely behind is not idle, and
    /// advancing its watermark with the clock would make its own unread records late.
    /// </summary>
    private void TickCaughtUpPartitions(IConsumer<byte[]?, byte[]?> consumer, KeyedStage<TopicPartition, SourceRecord, OutputRecord> stage, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        foreach (var partition in stage.Keys)
        {
            var high = consumer.GetWatermarkOffsets(partition).High;
            var position = consumer.Position(partition);
            var caughtUp = position == Offset.Unset ? IsEmpty(consumer, partition) : high != Offset.Unset && position.Value >= high.Value;
            if (caughtUp)
            {
                stage.TickAsync(partition, now, cancellationToken).AsTask().GetAwaiter().GetResult();
            }
        }
    }

    // Nothing consumed yet: caught up only if there is nothing to consume, as far as the last fetch told (the
    // consumer thread must not block on a broker round trip per tick).
    private static bool IsEmpty(IConsumer<byte[]?, byte[]?> consumer, TopicPartition partition)
    {
        var offsets = consumer.GetWatermarkOffsets(partition);
        return offsets.High != Offset.Unset && (offsets.High.Value == 0 || (offsets.Low != Offset.Unset && offsets.Low.Value == offsets.High.Value));
    }

    private void Revoke(IConsumer<byte[]?, byte[]?> consumer, KeyedStage<TopicPartition, SourceRecord, OutputRecord> stage, IProducer<byte[]?, byte[]?> producer,
        IReadOnlyList<TopicPartition> revoked)
    {
        var final = revoked
            .Select(tp => (Partition: tp, Processor: (ICommittableProcessor?)stage.RemoveLaneAsync(tp).GetAwaiter().GetResult()))
            .Where(p => p.Processor is not null)
            .Select(p => new TopicPartitionOffset(p.Partition, p.Processor!.SafeOffset))
            .Where(o => o.Offset.Value >= 0)
            .ToList();
        CommitOffsets(consumer, producer, final);
        LogRevoked(context.Logger, Name, string.Join(", ", revoked));
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer, KeyedStage<TopicPartition, SourceRecord, OutputRecord> stage, IProducer<byte[]?, byte[]?> producer,
        IEnumerable<TopicPartition> partitions)
    {
        var offsets = partitions
            .Select(tp => (tp, Processor: stage.Processor(tp) as ICommittableProcessor))
            .Where(p => p.Processor is { SafeOffset: >= 0 })
            .Select(p => new TopicPartitionOffset(p.tp, p.Processor!.SafeOffset))
            .ToList();
        CommitOffsets(consumer, producer, offsets);
    }

    /// <summary>Waits until every output queued so far is acknowledged, then commits <paramref name="offsets"/>.</summary>
    private void CommitOffsets(IConsumer<byte[]?, byte[]?> consumer, IProducer<byte[]?, byte[]?> producer, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        if (offsets.Count == 0)
        {
            return;
        }
        // A barrier passes through the sink behind every output queued before it; then the producer flushes them.
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _barriers.Enqueue(reached);
        _outputs.Writer.WriteAsync(Barrier).AsTask().GetAwaiter().GetResult();
        reached.Task.GetAwaiter().GetResult();
        producer.Flush(TimeSpan.FromMinutes(1));
        if (Interlocked.Read(ref _deliveryFailures) > 0)
        {
            throw new ProcessorFailedException($"{Name}: {Interlocked.Read(ref _deliveryFailures)} outputs could not be delivered ({_lastDeliveryError}); stopping without committing so a restart replays them");
        }
        try
        {
            consumer.Commit(offsets);
            context.Counters.Committed();
        }
        catch (KafkaException e)
        {
            // A failed commit only means a longer replay after a restart.
            LogCommitFailed(context.Logger, Name, e.Error.Reason);
        }
    }

    private async Task SinkAsync(ChannelReader<OutputRecord> reader, IProducer<byte[]?, byte[]?> producer)
    {
        await foreach (var record in reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (ReferenceEquals(record, Barrier))
            {
                if (_barriers.TryDequeue(out var barrier))
                {
                    barrier.TrySetResult();
                }
                continue;
            }
            var message = new Message<byte[]?, byte[]?> { Key = record.Key, Value = record.Value, Headers = record.Headers };
            if (record.Timestamp is { } timestamp)
            {
                message.Timestamp = new Timestamp(timestamp.UtcDateTime, TimestampType.CreateTime);
            }
            while (true)
            {
                try
                {
                    if (record.Partition is { } partition)
                    {
                        producer.Produce(new TopicPartition(record.Topic, partition), message, OnDelivery);
                    }
                    else
                    {
                        producer.Produce(record.Topic, message, OnDelivery);
                    }
                    context.Counters.OutputProduced();
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }
        // Release anyone still waiting at shutdown.
        while (_barriers.TryDequeue(out var waiting))
        {
            waiting.TrySetResult();
        }
    }

    private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _deliveryFailures);
            _lastDeliveryError = $"{report.Topic}: {report.Error.Reason}";
            LogDeliveryFailed(context.Logger, Name, report.Topic, report.Error.Reason);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "{Processor}: assigned {Partitions}")]
    private static partial void LogAssigned(ILogger logger, string processor, string partitions);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "{Processor}: revoked {Partitions} (drained, flushed, committed)")]
    private static partial void LogRevoked(ILogger logger, string processor, string partitions);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "{Processor}: processing {Partition} offset {Offset} failed; the lane continues")]
    private static partial void LogLaneError(ILogger logger, Exception exception, string processor, string partition, long offset);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "{Processor}: Kafka {Client} error: {Reason}")]
    private static partial void LogClientError(ILogger logger, string processor, string client, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "{Processor}: commit failed ({Reason}); a restart will replay a little more")]
    private static partial void LogCommitFailed(ILogger logger, string processor, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "{Processor}: output to {Topic} could not be delivered: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string processor, string topic, string reason);
}
