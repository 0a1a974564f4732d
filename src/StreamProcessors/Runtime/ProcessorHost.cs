using System.Collections.Concurrent;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts.Kafka;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.StreamProcessors.Pipeline;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>
/// Runs one processor as a Kafka consumer group on the shared runtime: the <see cref="KafkaConsumerLoop"/> → keyed stage
/// (one lane per assigned partition, so each partition's state is owned by one lane) → the role's
/// <see cref="ReliableProducer"/>. Every <see cref="HostOptions.CommitInterval"/>, and when partitions are revoked, it
/// reads each partition's safe offset, waits until every output handed over before it is acknowledged, then commits —
/// so a crash at any point replays from an offset whose effects are all either committed downstream or rebuilt by the
/// replay (at-least-once with deterministic, keyed outputs). Partitions queue a bounded number of records and outputs;
/// a slow producer slows consumption. A processing exception (a bug: bad input is dead-lettered before it) stops the
/// processor with <see cref="ProcessorFailedException"/> naming the partition and offset.
/// </summary>
internal sealed partial class ProcessorHost(string name, KafkaOptions kafka, IReadOnlyList<string> topics, ProcessorContext context,
    Func<TopicPartition, ICommittableProcessor> createProcessor, HostOptions options) : IConsumerLoopHandler
{
    private static readonly OutputRecord Barrier = new(string.Empty, null, null);
    private readonly ConcurrentQueue<TaskCompletionSource> _barriers = new();
    private readonly Channel<OutputRecord> _outputs = Channel.CreateBounded<OutputRecord>(new BoundedChannelOptions(options.OutputQueue) { SingleReader = true });
    private KeyedStage<TopicPartition, SourceRecord, OutputRecord>? _stage;
    private ReliableProducer? _producer;
    private LaneError<TopicPartition, SourceRecord>? _laneFailure;
    private DateTime _nextCommit;
    private DateTime _nextTick;

    /// <summary>The processor's name (for logs).</summary>
    public string Name { get; } = name;

    /// <summary>Runs until cancelled.</summary>
    /// <exception cref="ProcessorFailedException">Processing a record failed (a bug), outputs could not be delivered, or Kafka failed fatally.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stopWithCaller = cancellationToken.Register(() => context.Stop.Cancel());
        using var producer = new ReliableProducer(kafka, context.Logger, Name);
        _producer = producer;
        var sink = Task.Run(() => SinkAsync(_outputs.Reader, producer), CancellationToken.None);
        _stage = new KeyedStage<TopicPartition, SourceRecord, OutputRecord>(tp => createProcessor(tp), _outputs.Writer, OnLaneError,
            new StageOptions { LaneCapacity = options.PartitionQueue });
        _nextCommit = DateTime.UtcNow + options.CommitInterval;
        _nextTick = DateTime.UtcNow + options.TickInterval;
        var loop = new KafkaConsumerLoop(kafka, new ConsumerLoopOptions
        {
            Topics = topics,
            GroupId = context.GroupId,
            SessionTimeout = options.SessionTimeout,
            PollInterval = TimeSpan.FromMilliseconds(100),
        }, this, context.Logger, Name);
        Exception? failure = null;
        try
        {
            await loop.RunAsync(context.Stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KafkaException or DeliveryFailedException)
        {
            failure = e;
        }
        finally
        {
            await _stage.DisposeAsync().ConfigureAwait(false);
            _outputs.Writer.TryComplete();
            await sink.ConfigureAwait(false);
            producer.Flush(TimeSpan.FromSeconds(30));
        }
        if (_laneFailure is { } lane)
        {
            throw new ProcessorFailedException($"{Name}: processing {lane.Key} offset {lane.Item?.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(tick)"} " +
                $"failed with {lane.Exception.GetType().Name}: {lane.Exception.Message}; stopped without committing past it", lane.Exception);
        }
        if (failure is not null)
        {
            throw new ProcessorFailedException($"{Name}: {failure.Message}", failure);
        }
    }

    private void OnLaneError(LaneError<TopicPartition, SourceRecord> error)
    {
        if (error.Exception is OperationCanceledException && context.Stop.IsCancellationRequested)
        {
            return; // a lane waiting out an outage was told to stop; its record stays uncommitted
        }
        if (Interlocked.CompareExchange(ref _laneFailure, error, null) is null)
        {
            LogLaneFailed(context.Logger, error.Exception, Name, error.Key.ToString(), error.Item?.Offset ?? -1);
        }
        context.Stop.Cancel();
    }

    void IConsumerLoopHandler.Assigned(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions)
    {
        // Every assigned partition gets a lane now, so an empty one is ticked (and can say it has nothing) too.
        foreach (var partition in partitions)
        {
            _stage!.EnsureLane(partition);
        }
    }

    void IConsumerLoopHandler.Received(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result) =>
        _stage!.WriteAsync(result.TopicPartition, SourceRecord.From(result), context.Stop.Token).AsTask().GetAwaiter().GetResult();

    TimeSpan IConsumerLoopHandler.Idle(IConsumer<byte[]?, byte[]?> consumer, DateTime utcNow)
    {
        if (utcNow >= _nextTick)
        {
            TickCaughtUpPartitions(consumer);
            _nextTick = utcNow + options.TickInterval;
        }
        if (utcNow >= _nextCommit)
        {
            Commit(consumer, _stage!.Keys);
            _nextCommit = utcNow + options.CommitInterval;
        }
        return TimeSpan.FromMilliseconds(100);
    }

    void IConsumerLoopHandler.Stopping(IConsumer<byte[]?, byte[]?> consumer)
    {
    }

    void IConsumerLoopHandler.Revoked(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions)
    {
        var final = partitions
            .Select(tp => (Partition: tp, Processor: (ICommittableProcessor?)_stage!.RemoveLaneAsync(tp).GetAwaiter().GetResult()))
            .Where(p => p.Processor is not null)
            .Select(p => new TopicPartitionOffset(p.Partition, p.Processor!.SafeOffset))
            .Where(o => o.Offset.Value >= 0)
            .ToList();
        CommitOffsets(consumer, final);
    }

    /// <summary>
    /// Ticks only partitions the consumer has read to their end: a partition that is merely behind is not idle, and
    /// advancing its watermark with the clock would make its own unread records late.
    /// </summary>
    private void TickCaughtUpPartitions(IConsumer<byte[]?, byte[]?> consumer)
    {
        var now = context.Clock.GetUtcNow();
        foreach (var partition in _stage!.Keys)
        {
            var high = consumer.GetWatermarkOffsets(partition).High;
            var position = consumer.Position(partition);
            var caughtUp = position == Offset.Unset ? IsEmpty(consumer, partition) : high != Offset.Unset && position.Value >= high.Value;
            if (caughtUp)
            {
                _stage.TickAsync(partition, now, context.Stop.Token).AsTask().GetAwaiter().GetResult();
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

    private void Commit(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<TopicPartition> partitions)
    {
        var offsets = partitions
            .Select(tp => (tp, Processor: _stage!.Processor(tp) as ICommittableProcessor))
            .Where(p => p.Processor is { SafeOffset: >= 0 })
            .Select(p => new TopicPartitionOffset(p.tp, p.Processor!.SafeOffset))
            .ToList();
        CommitOffsets(consumer, offsets);
    }

    /// <summary>Waits until every output queued so far is acknowledged, then commits <paramref name="offsets"/>.</summary>
    /// <exception cref="DeliveryFailedException">An output could not be delivered: nothing is committed, a restart replays it.</exception>
    private void CommitOffsets(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        if (offsets.Count == 0 || _laneFailure is not null)
        {
            return;
        }
        // A barrier passes through the sink behind every output queued before it; then the producer flushes them.
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _barriers.Enqueue(reached);
        _outputs.Writer.WriteAsync(Barrier).AsTask().GetAwaiter().GetResult();
        reached.Task.GetAwaiter().GetResult();
        _producer!.FlushOrThrow(TimeSpan.FromMinutes(1));
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

    private async Task SinkAsync(ChannelReader<OutputRecord> reader, ReliableProducer producer)
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
            producer.Produce(new TopicPartition(record.Topic, record.Partition is { } partition ? new Partition(partition) : Partition.Any), message);
            context.Counters.OutputProduced();
        }
        // Release anyone still waiting at shutdown.
        while (_barriers.TryDequeue(out var waiting))
        {
            waiting.TrySetResult();
        }
    }

    [LoggerMessage(EventId = 5007, Level = LogLevel.Critical, Message = "{Processor}: processing {Partition} offset {Offset} failed; the processor stops without committing past it")]
    private static partial void LogLaneFailed(ILogger logger, Exception exception, string processor, string partition, long offset);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "{Processor}: commit failed ({Reason}); a restart will replay a little more")]
    private static partial void LogCommitFailed(ILogger logger, string processor, string reason);
}
