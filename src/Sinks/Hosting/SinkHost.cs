using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts;
using SensorStream.Contracts.Kafka;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.Sinks.Batching;

namespace SensorStream.Sinks.Hosting;

/// <summary>
/// The sink on the shared Kafka runtime: consume → decode and check (bad records to <c>dlq</c>; while the registry is
/// away the same record is decoded again) → batch by size and time → write the batch and its offsets in one database
/// transaction → commit the offsets to Kafka. While the database cannot be written, consumption is paused and the same
/// batch is retried with exponential backoff; the loop keeps polling so the consumer stays in its group. Kafka offsets
/// are committed only after the database commit, and every table upserts on its natural key, so a crash or rebalance
/// at any point re-reads records without duplicating them. Anything else that goes wrong is a bug and stops the sink.
/// </summary>
internal sealed partial class SinkHost(KafkaOptions kafka, SinkOptions options, SinkTables tables, SinkDatabase database,
    DeadLetterRouter deadLetters, TransientRetry retry, SinkCounters counters, ILogger logger, TimeProvider clock) : IConsumerLoopHandler
{
    private readonly Dictionary<TopicPartition, long> _pending = [];
    private ReliableProducer? _producer;
    private CancellationToken _stopping;
    private int _pendingRecords;
    private DateTime _batchDeadline;
    private bool _failing;
    private int _attempt;
    private DateTime _retryAt;
    private DateTime _nextMaintenance;

    /// <summary>Runs until cancelled; throws <see cref="SinkFailedException"/> when it cannot go on.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        using var producer = new ReliableProducer(kafka, logger, "sink");
        _producer = producer;
        _nextMaintenance = Now() + options.MaintenanceInterval;
        var loop = new KafkaConsumerLoop(kafka, new ConsumerLoopOptions
        {
            Topics = options.Topics,
            GroupId = options.GroupId,
            SessionTimeout = options.SessionTimeout,
        }, this, logger, "sink");
        try
        {
            loop.Run(cancellationToken);
        }
        catch (KafkaException e)
        {
            throw new SinkFailedException($"fatal Kafka error: {e.Error.Reason}", e);
        }
        catch (DeliveryFailedException e)
        {
            throw new SinkFailedException($"dead letters could not be delivered to {Topics.DeadLetters}: {e.Message}", e);
        }
        producer.Flush(TimeSpan.FromSeconds(10));
    }

    void IConsumerLoopHandler.Assigned(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions) =>
        counters.Assigned(partitions.Count);

    void IConsumerLoopHandler.Received(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result) => Add(result);

    TimeSpan IConsumerLoopHandler.Idle(IConsumer<byte[]?, byte[]?> consumer, DateTime utcNow)
    {
        var now = Now();
        if (_failing ? now >= _retryAt : _pendingRecords >= options.MaxBatchRecords || (_pendingRecords > 0 && now >= _batchDeadline))
        {
            Flush(consumer, pauseOnFailure: true);
        }
        if (now >= _nextMaintenance && !_failing)
        {
            Maintain();
            _nextMaintenance = now + options.MaintenanceInterval;
        }
        var until = _failing ? _retryAt : _pendingRecords > 0 ? _batchDeadline : DateTime.MaxValue;
        return until == DateTime.MaxValue ? TimeSpan.FromMilliseconds(200) : until - Now();
    }

    void IConsumerLoopHandler.Stopping(IConsumer<byte[]?, byte[]?> consumer)
    {
        // Leaving: one last attempt for what is pending; if the database is still away it is read again next time
        // (dropped here, so closing the consumer does not try a second time).
        if (_pendingRecords > 0 && !Flush(consumer, pauseOnFailure: false))
        {
            DiscardPending();
        }
    }

    void IConsumerLoopHandler.Revoked(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions)
    {
        if (_pendingRecords > 0 && !Flush(consumer, pauseOnFailure: false))
        {
            DiscardPending();
        }
        _failing = false;
        counters.Revoked(partitions.Count);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private void Add(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (_pendingRecords == 0)
        {
            _batchDeadline = Now() + options.MaxBatchDelay;
        }
        var route = tables.Route(result.Topic);
        string? problem;
        try
        {
            // Decoding is the only step here that may need the registry; an outage is waited out on this record.
            problem = retry.Execute(() => route.Add(result), _stopping);
        }
        catch (Exception e) when (RecordFailures.Classify(e) == FailureKind.Permanent)
        {
            problem = null;
            DeadLetter(result, DeadLetterRouter.ReasonOf(e), e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException && RecordFailures.Classify(e) == FailureKind.Bug)
        {
            throw new SinkFailedException($"storing {result.TopicPartitionOffset} failed with {e.GetType().Name}: {e.Message} (a bug, not bad input); " +
                "stopping without committing it", e);
        }
        if (problem is not null)
        {
            DeadLetter(result, "InvalidValue", problem);
        }
        _pending[result.TopicPartition] = result.Offset.Value + 1;
        _pendingRecords++;
    }

    /// <summary>
    /// Routes a record the sink cannot store to <c>dlq</c>. The sink reads <c>dlq</c> too, so an undecodable record of
    /// <c>dlq</c> itself goes straight into the table instead of back onto the topic, where it would come round again.
    /// </summary>
    private void DeadLetter(ConsumeResult<byte[]?, byte[]?> result, string reason, string message)
    {
        counters.DeadLettered();
        var letter = deadLetters.Letter(result, reason, message);
        if (result.Topic == Topics.DeadLetters)
        {
            tables.DeadLetters.Add(letter);
            return;
        }
        _producer!.Produce(Topics.DeadLetters, deadLetters.Message(letter));
    }

    /// <summary>Writes the pending batch; returns whether it (and its offsets) committed.</summary>
    private bool Flush(IConsumer<byte[]?, byte[]?> consumer, bool pauseOnFailure)
    {
        // Dead letters first: their records' offsets must not be committed before the dlq has them.
        _producer!.FlushOrThrow(TimeSpan.FromSeconds(30));
        var offsets = _pending.Select(p => new PartitionOffset(p.Key.Topic, p.Key.Partition.Value, p.Value)).ToList();
        var rows = tables.Batches.Where(b => b.Count > 0).Select(b => (b.Table, b.Count)).ToList();
        try
        {
            database.Write(tables.Batches, offsets);
        }
        catch (Exception e) when (DatabaseErrors.IsTransient(e))
        {
            if (pauseOnFailure)
            {
                if (!_failing)
                {
                    consumer.Pause(consumer.Assignment);
                    _failing = true;
                    _attempt = 0;
                }
                var delay = Backoff(_attempt++);
                _retryAt = Now() + delay;
                counters.Retried();
                LogWriteFailed(logger, _pendingRecords, _attempt, delay.TotalMilliseconds, DatabaseErrors.Describe(e));
            }
            return false;
        }
        catch (Exception e) when (DatabaseErrors.IsDatabaseError(e))
        {
            throw new SinkFailedException($"writing a batch of {_pendingRecords} records ({string.Join(", ", rows.Select(r => $"{r.Table}: {r.Count}"))}) failed: " +
                $"{DatabaseErrors.Describe(e)}; stopping without committing its offsets", e);
        }
        foreach (var (table, count) in rows)
        {
            counters.Committed(table, count);
        }
        counters.BatchCommitted();
        try
        {
            consumer.Commit(_pending.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
        }
        catch (KafkaException e)
        {
            // The database already has the batch and its offsets; a failed Kafka commit only means re-reading (and upserting) it.
            LogCommitFailed(logger, e.Error.Reason);
        }
        _pending.Clear();
        _pendingRecords = 0;
        if (_failing)
        {
            _failing = false;
            consumer.Resume(consumer.Assignment);
            LogRecovered(logger, _attempt);
        }
        return true;
    }

    /// <summary>Drops the unwritten batch: its offsets were not committed, so whoever reads these partitions next (maybe this instance) reads it again.</summary>
    private void DiscardPending()
    {
        LogDiscarded(logger, _pendingRecords);
        counters.DiscardedRecords(_pendingRecords);
        tables.Discard();
        _pending.Clear();
        _pendingRecords = 0;
    }

    private void Maintain()
    {
        try
        {
            var created = database.Maintain(Now(), options.PartitionLookahead).PartitionsCreated;
            if (created > 0)
            {
                LogPartitionsCreated(logger, created);
            }
        }
        catch (Exception e) when (DatabaseErrors.IsTransient(e))
        {
            // Partitions are also created on demand for every batch; the next run catches up.
            LogMaintenanceFailed(logger, DatabaseErrors.Describe(e));
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var millis = options.RetryInitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        return TimeSpan.FromMilliseconds(Math.Min(millis, options.RetryMaxDelay.TotalMilliseconds));
    }
}
