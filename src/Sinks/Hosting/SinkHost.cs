using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Contracts.WireFormat;
using SensorStream.Sinks.Batching;

namespace SensorStream.Sinks.Hosting;

/// <summary>
/// The sink's consumer loop, on one thread: consume → decode and check (bad records to <c>dlq</c>) → batch by size and
/// time → write the batch and its offsets in one database transaction → commit the offsets to Kafka. While the
/// database cannot be written, consumption is paused and the same batch is retried with exponential backoff; the loop
/// keeps polling so the consumer stays in its group. Kafka offsets are committed only after the database commit, and
/// every table upserts on its natural key, so a crash or rebalance at any point re-reads records without duplicating them.
/// </summary>
internal sealed partial class SinkHost(KafkaOptions kafka, SinkOptions options, SinkTables tables, SinkDatabase database,
    ISchemaRegistryClient registry, SinkCounters counters, ILogger logger, TimeProvider clock)
{
    private readonly Dictionary<TopicPartition, long> _pending = [];
    private readonly AvroSerializer<DeadLetter> _deadLetterSerializer = new(registry);
    private int _pendingRecords;
    private DateTime _batchDeadline;
    private bool _failing;
    private int _attempt;
    private DateTime _retryAt;
    private long _deliveryFailures;
    private string? _lastDeliveryError;

    /// <summary>Runs until cancelled; throws <see cref="SinkFailedException"/> when it cannot go on.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        var producerConfig = kafka.ProducerConfig();
        producerConfig.EnableIdempotence = true;
        producerConfig.LingerMs = 5;
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(producerConfig)
            .SetErrorHandler((_, e) => LogClientError(logger, "producer", e.Reason))
            .Build();
        var config = kafka.ConsumerConfig(options.GroupId);
        config.EnableAutoCommit = false;
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.SessionTimeoutMs = (int)options.SessionTimeout.TotalMilliseconds;
        config.HeartbeatIntervalMs = Math.Max(100, config.SessionTimeoutMs.Value / 5);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, e) => LogClientError(logger, "consumer", e.Reason))
            .SetPartitionsAssignedHandler((_, assigned) =>
            {
                counters.Assigned(assigned.Count);
                LogAssigned(logger, string.Join(", ", assigned));
            })
            .SetPartitionsRevokedHandler((c, revoked) => Revoke(c, producer, revoked))
            .Build();
        consumer.Subscribe(options.Topics);
        var nextMaintenance = Now() + options.MaintenanceInterval;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]?>? result = null;
                try
                {
                    result = consumer.Consume(PollTimeout());
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    LogClientError(logger, "consume", e.Error.Reason);
                }
                if (result?.Message is not null)
                {
                    Add(result, producer, cancellationToken);
                }
                var now = Now();
                if (_failing ? now >= _retryAt : _pendingRecords >= options.MaxBatchRecords || (_pendingRecords > 0 && now >= _batchDeadline))
                {
                    Flush(consumer, producer, pauseOnFailure: true);
                }
                if (now >= nextMaintenance && !_failing)
                {
                    Maintain();
                    nextMaintenance = now + options.MaintenanceInterval;
                }
            }
        }
        catch (ConsumeException e) when (e.Error.IsFatal)
        {
            throw new SinkFailedException($"fatal Kafka consumer error: {e.Error.Reason}", e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        // Leaving: one last attempt for what is pending; if the database is still away it is read again next time
        // (dropped here, so closing the consumer does not try a second time).
        if (_pendingRecords > 0 && !Flush(consumer, producer, pauseOnFailure: false))
        {
            DiscardPending();
        }
        consumer.Close();
        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private TimeSpan PollTimeout()
    {
        var until = _failing ? _retryAt : _pendingRecords > 0 ? _batchDeadline : DateTime.MaxValue;
        var wait = until == DateTime.MaxValue ? TimeSpan.FromMilliseconds(200) : until - Now();
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : wait;
    }

    private void Add(ConsumeResult<byte[]?, byte[]?> result, IProducer<byte[]?, byte[]?> producer, CancellationToken cancellationToken)
    {
        if (_pendingRecords == 0)
        {
            _batchDeadline = Now() + options.MaxBatchDelay;
        }
        var route = tables.Route(result.Topic);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (route.Add(result) is { } problem)
                {
                    DeadLetter(result, "InvalidValue", problem, producer);
                }
                break;
            }
            catch (AvroDecodeException e)
            {
                DeadLetter(result, e.Reason.ToString(), e.Message, producer);
                break;
            }
            catch (SchemaRegistryException e) when (e.ErrorCode == SchemaRegistryErrorCodes.SchemaNotFound)
            {
                DeadLetter(result, "UnknownSchemaId", e.Message, producer);
                break;
            }
            catch (Exception e) when (e is SchemaRegistryException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The registry is away, not the record at fault: wait and decode the same record again.
                var delay = Backoff(attempt);
                LogRegistryRetry(logger, result.Topic, result.Partition.Value, result.Offset.Value, delay.TotalMilliseconds, e.Message);
                cancellationToken.WaitHandle.WaitOne(delay);
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidCastException or IndexOutOfRangeException)
            {
                // A value the codec let through but cannot be represented: still the record's fault, never the sink's end.
                DeadLetter(result, "DecodeFailed", $"{e.GetType().Name}: {e.Message}", producer);
                break;
            }
        }
        _pending[result.TopicPartition] = result.Offset.Value + 1;
        _pendingRecords++;
    }

    /// <summary>
    /// Routes a record the sink cannot store to <c>dlq</c> with the reason, its position and its original bytes. The
    /// sink reads <c>dlq</c> too, so an undecodable record of <c>dlq</c> itself goes straight into the table instead
    /// of back onto the topic, where it would come round again.
    /// </summary>
    private void DeadLetter(ConsumeResult<byte[]?, byte[]?> result, string reason, string message, IProducer<byte[]?, byte[]?> producer)
    {
        counters.DeadLettered();
        LogDeadLetter(logger, result.Topic, result.Partition.Value, result.Offset.Value, reason, message);
        var headers = (result.Message.Headers ?? []).Select(h => new DeadLetterHeader(h.Key, h.GetValueBytes())).ToList();
        var letter = new DeadLetter(result.Topic, result.Partition.Value, result.Offset.Value,
            new DateTimeOffset(result.Message.Timestamp.UtcDateTime, TimeSpan.Zero), result.Message.Key, result.Message.Value, headers,
            reason, message, options.GroupId, clock.GetUtcNow());
        if (result.Topic == Topics.DeadLetters)
        {
            tables.DeadLetters.Add(letter);
            return;
        }
        var value = ((ISerializer<DeadLetter>)_deadLetterSerializer).Serialize(letter, new SerializationContext(MessageComponentType.Value, Topics.DeadLetters));
        var record = new Message<byte[]?, byte[]?> { Key = System.Text.Encoding.UTF8.GetBytes(result.Topic), Value = value, Timestamp = new Timestamp(letter.FailedAt.UtcDateTime, TimestampType.CreateTime) };
        while (true)
        {
            try
            {
                producer.Produce(Topics.DeadLetters, record, OnDelivery);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _deliveryFailures);
            _lastDeliveryError = report.Error.Reason;
        }
    }

    /// <summary>Writes the pending batch; returns whether it (and its offsets) committed.</summary>
    private bool Flush(IConsumer<byte[]?, byte[]?> consumer, IProducer<byte[]?, byte[]?> producer, bool pauseOnFailure)
    {
        // Dead letters first: their records' offsets must not be committed before the dlq has them.
        producer.Flush(TimeSpan.FromSeconds(30));
        if (Interlocked.Read(ref _deliveryFailures) > 0)
        {
            throw new SinkFailedException($"{Interlocked.Read(ref _deliveryFailures)} dead letters could not be delivered to {Topics.DeadLetters} ({_lastDeliveryError}); " +
                "stopping without committing so a restart reads their records again");
        }
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

    private void Revoke(IConsumer<byte[]?, byte[]?> consumer, IProducer<byte[]?, byte[]?> producer, List<TopicPartitionOffset> revoked)
    {
        if (_pendingRecords > 0 && !Flush(consumer, producer, pauseOnFailure: false))
        {
            DiscardPending();
        }
        _failing = false;
        counters.Revoked(revoked.Count);
        LogRevoked(logger, string.Join(", ", revoked.Select(r => r.TopicPartition)));
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
