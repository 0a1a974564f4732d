using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts.Kafka;

namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>
/// The one consumer loop of every role, on a thread of its own: builds the consumer from configuration (role defaults,
/// then <c>Kafka:Common</c> and <c>Kafka:Consumer</c>), joins the group (or assigns every partition itself when there is
/// no group), polls, hands each record and the periodic work to an <see cref="IConsumerLoopHandler"/>, and closes the
/// consumer on the way out so the group rebalances at once. Offsets are never committed automatically: a handler
/// commits what it has finished. A non-fatal client error is logged and the loop goes on; a fatal one (or an exception
/// from the handler) stops it, without committing anything more.
/// </summary>
public sealed partial class KafkaConsumerLoop(KafkaOptions kafka, ConsumerLoopOptions options, IConsumerLoopHandler handler, ILogger logger, string role)
{
    private volatile bool _failed;
    private Error? _fatal;

    /// <summary>Runs the loop on a long-running thread of its own until <paramref name="cancellationToken"/> is cancelled or it fails.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Runs the loop on the calling thread until <paramref name="cancellationToken"/> is cancelled or it fails.</summary>
    /// <exception cref="KafkaException">The client reported a fatal error.</exception>
    public void Run(CancellationToken cancellationToken)
    {
        using var consumer = Build();
        if (options.GroupId is null)
        {
            AssignAll(consumer);
        }
        else
        {
            consumer.Subscribe(options.Topics);
        }
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = handler.Idle(consumer, DateTime.UtcNow);
                ThrowIfFatal();
                ConsumeResult<byte[]?, byte[]?>? result = null;
                try
                {
                    result = consumer.Consume(wait < TimeSpan.Zero ? TimeSpan.Zero : wait < options.PollInterval ? wait : options.PollInterval);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    LogConsumeError(logger, role, e.Error.Code, e.Error.Reason);
                }
                if (result is { Message: not null, IsPartitionEOF: false })
                {
                    handler.Received(consumer, result);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch
        {
            // Leave the group without handing anything more to the handler: nothing after a failure may be committed.
            _failed = true;
            consumer.Close();
            throw;
        }
        handler.Stopping(consumer);
        // Leaving: the group revokes every partition, which lets the handler finish and commit them.
        consumer.Close();
    }

    private IConsumer<byte[]?, byte[]?> Build()
    {
        var config = kafka.ConsumerConfig(options.GroupId ?? $"{kafka.ClientId}-{role}-no-group", c =>
        {
            c.EnableAutoCommit = false;
            c.EnableAutoOffsetStore = false;
            c.AutoOffsetReset = options.StartAt;
            c.SessionTimeoutMs = (int)options.SessionTimeout.TotalMilliseconds;
            c.HeartbeatIntervalMs = Math.Max(100, (int)options.SessionTimeout.TotalMilliseconds / 5);
        });
        return new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, e) =>
            {
                LogClientError(logger, role, e.Code, e.Reason, e.IsFatal);
                if (e.IsFatal)
                {
                    _fatal ??= e;
                }
            })
            .SetPartitionsAssignedHandler((c, assigned) =>
            {
                LogAssigned(logger, role, string.Join(", ", assigned));
                handler.Assigned(c, assigned);
            })
            // Also called for partitions lost with an expired session: a commit then fails (logged), which only means a longer replay.
            .SetPartitionsRevokedHandler((c, revoked) =>
            {
                if (!_failed)
                {
                    handler.Revoked(c, [.. revoked.Select(r => r.TopicPartition)]);
                }
                LogRevoked(logger, role, string.Join(", ", revoked.Select(r => r.TopicPartition)));
            })
            .Build();
    }

    private void AssignAll(IConsumer<byte[]?, byte[]?> consumer)
    {
        using var admin = new AdminClientBuilder(kafka.AdminConfig()).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(30));
        var start = options.StartAt == AutoOffsetReset.Latest ? Offset.End : Offset.Beginning;
        var partitions = metadata.Topics.Where(t => options.Topics.Contains(t.Topic, StringComparer.Ordinal) && t.Error.Code == ErrorCode.NoError)
            .SelectMany(t => t.Partitions.Select(p => new TopicPartitionOffset(t.Topic, p.PartitionId, start)))
            .ToList();
        consumer.Assign(partitions);
        LogAssigned(logger, role, string.Join(", ", partitions.Select(p => p.TopicPartition)));
        handler.Assigned(consumer, [.. partitions.Select(p => p.TopicPartition)]);
    }

    private void ThrowIfFatal()
    {
        if (_fatal is { } fatal)
        {
            throw new KafkaException(fatal);
        }
    }

    [LoggerMessage(EventId = 9031, Level = LogLevel.Information, Message = "{Role}: assigned {Partitions}")]
    private static partial void LogAssigned(ILogger logger, string role, string partitions);

    [LoggerMessage(EventId = 9032, Level = LogLevel.Information, Message = "{Role}: revoked {Partitions}")]
    private static partial void LogRevoked(ILogger logger, string role, string partitions);

    [LoggerMessage(EventId = 9034, Level = LogLevel.Warning, Message = "{Role}: Kafka consumer error {Code}: {Reason} (fatal: {Fatal})")]
    private static partial void LogClientError(ILogger logger, string role, ErrorCode code, string reason, bool fatal);

    [LoggerMessage(EventId = 9035, Level = LogLevel.Warning, Message = "{Role}: consume error {Code}: {Reason}; the loop goes on")]
    private static partial void LogConsumeError(ILogger logger, string role, ErrorCode code, string reason);
}
