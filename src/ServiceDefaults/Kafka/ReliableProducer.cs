using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts.Kafka;

namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>
/// The one producer every role uses: idempotent and acks=all (no duplicates, a key's records in order, nothing
/// acknowledged that a broker can lose), lz4 batches, a bounded local queue that makes callers wait when full
/// (backpressure). A record whose delivery fails after librdkafka's own retries is counted and logged, never produced
/// again by the application (that could reorder a key's records); <see cref="FlushOrThrow"/> turns any such failure into
/// a <see cref="DeliveryFailedException"/> before a caller commits the input behind it. One per role; thread-safe.
/// </summary>
public sealed partial class ReliableProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly ILogger _logger;
    private readonly string _role;
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onDelivery;
    private long _produced;
    private long _acknowledged;
    private long _failed;
    private string? _firstFailedTopic;
    private string? _firstFailure;

    /// <summary>Creates the producer; <paramref name="tuning"/> sets role defaults that <c>Kafka:Producer</c> settings still override.</summary>
    public ReliableProducer(KafkaOptions kafka, ILogger logger, string role, Action<ProducerConfig>? tuning = null)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        _logger = logger;
        _role = role;
        var config = kafka.ProducerConfig(c =>
        {
            c.EnableIdempotence = true;
            c.Acks = Acks.All;
            c.LingerMs = 5;
            c.CompressionType = CompressionType.Lz4;
            // Delivery reports are read for their error only; not copying key, value and headers back saves a marshal per record.
            c.DeliveryReportFields = "status";
            tuning?.Invoke(c);
        });
        _producer = new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, e) => LogClientError(_logger, _role, e.Code, e.Reason, e.IsFatal))
            .Build();
        _onDelivery = OnDelivery;
    }

    /// <summary>Records handed to the client.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Records the brokers acknowledged.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Records that could not be delivered.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Called with every delivery report after it is counted (e.g. by a publisher's own counters); runs on the client's thread.</summary>
    public event Action<DeliveryReport<byte[]?, byte[]?>>? Delivered;

    /// <summary>Queues <paramref name="message"/> to <paramref name="topic"/> (its key picks the partition); waits while the local queue is full.</summary>
    public void Produce(string topic, Message<byte[]?, byte[]?> message) => Produce(new TopicPartition(topic, Partition.Any), message);

    /// <summary>Queues <paramref name="message"/> to one partition (or <see cref="Partition.Any"/>); waits while the local queue is full.</summary>
    public void Produce(TopicPartition partition, Message<byte[]?, byte[]?> message)
    {
        ArgumentNullException.ThrowIfNull(partition);
        while (true)
        {
            try
            {
                _producer.Produce(partition, message, _onDelivery);
                Interlocked.Increment(ref _produced);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Serve delivery reports until there is room again.
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    /// <summary>Waits until every queued record is acknowledged or failed; throws if any record ever failed.</summary>
    /// <exception cref="DeliveryFailedException">A record could not be delivered, or <paramref name="timeout"/> passed with records outstanding.</exception>
    public void FlushOrThrow(TimeSpan timeout)
    {
        var outstanding = _producer.Flush(timeout);
        ThrowIfFailed();
        if (outstanding > 0)
        {
            throw new DeliveryFailedException(outstanding, "(any)", $"still not acknowledged after {timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Throws if any record could not be delivered so far.</summary>
    /// <exception cref="DeliveryFailedException">A record could not be delivered.</exception>
    public void ThrowIfFailed()
    {
        if (Interlocked.Read(ref _failed) > 0)
        {
            throw new DeliveryFailedException(Failed, _firstFailedTopic ?? "?", _firstFailure ?? "?");
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for outstanding records; returns how many are still outstanding.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError)
        {
            if (Interlocked.Increment(ref _failed) == 1)
            {
                _firstFailedTopic = report.Topic;
                _firstFailure = $"{report.Error.Code}: {report.Error.Reason}";
            }
            LogDeliveryFailed(_logger, _role, report.Topic, report.Error.Code, report.Error.Reason);
        }
        else
        {
            Interlocked.Increment(ref _acknowledged);
        }
        Delivered?.Invoke(report);
    }

    /// <summary>Disposes the client; call <see cref="Flush"/> or <see cref="FlushOrThrow"/> first, or queued records are abandoned.</summary>
    public void Dispose() => _producer.Dispose();

    [LoggerMessage(EventId = 9011, Level = LogLevel.Error, Message = "{Role}: a record to {Topic} could not be delivered: {Code} {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string role, string topic, ErrorCode code, string reason);

    [LoggerMessage(EventId = 9012, Level = LogLevel.Warning, Message = "{Role}: Kafka producer error {Code}: {Reason} (fatal: {Fatal})")]
    private static partial void LogClientError(ILogger logger, string role, ErrorCode code, string reason, bool fatal);
}
