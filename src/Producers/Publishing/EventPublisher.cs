using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Contracts.WireFormat;

namespace SensorStream.Producers.Publishing;

/// <summary>
/// Publishes events of one type to one topic through a long-lived, idempotent Confluent.Kafka producer with the
/// Avro serializer: keyed, batched, ordered per key, counted. A message whose delivery fails is produced again up
/// to <see cref="PublisherOptions.DeliveryRetries"/> times before it counts as failed, and every failure is logged
/// with its key — nothing is dropped silently. <see cref="Flush"/> before disposing.
/// </summary>
public sealed partial class EventPublisher<T> : IDisposable where T : class, IAvroEvent<T>
{
    private readonly IProducer<string, T> _producer;
    private readonly string _topic;
    private readonly int _retries;
    private readonly ILogger _logger;

    /// <summary>Creates the producer; nothing is sent until <see cref="Publish"/>.</summary>
    public EventPublisher(KafkaOptions kafka, PublisherOptions options, ISchemaRegistryClient registry, string topic, ILogger logger)
    {
        var config = kafka.ProducerConfig();
        config.EnableIdempotence = true;
        config.LingerMs = options.Linger.TotalMilliseconds;
        config.BatchNumMessages = options.BatchMessages;
        config.CompressionType = options.Compression;
        config.MessageTimeoutMs = (int)options.DeliveryTimeout.TotalMilliseconds;
        config.QueueBufferingMaxMessages = 500_000;
        _producer = new ProducerBuilder<string, T>(config)
            .SetAvroValueSerializer(registry)
            .SetErrorHandler((_, error) => LogClientError(logger, topic, error.Code, error.Reason))
            .Build();
        _topic = topic;
        _retries = options.DeliveryRetries;
        _logger = logger;
    }

    /// <summary>The topic this publisher writes to.</summary>
    public string Topic => _topic;

    /// <summary>Produced, acknowledged, failed and retried counts.</summary>
    public PublishCounters Counters { get; } = new();

    /// <summary>Queues one event; blocks only while the client's local queue is full (backpressure).</summary>
    public void Publish(OutgoingEvent<T> outgoing)
    {
        var message = new Message<string, T>
        {
            Key = outgoing.Key,
            Value = outgoing.Value,
            Timestamp = new Timestamp(outgoing.Timestamp.UtcDateTime, TimestampType.CreateTime),
        };
        if (outgoing.Headers.Count > 0)
        {
            message.Headers = [];
            foreach (var (name, value) in outgoing.Headers)
            {
                message.Headers.Add(name, Encoding.UTF8.GetBytes(value));
            }
        }
        Counters.OnProduced();
        Send(message, attempt: 0);
    }

    private void Send(Message<string, T> message, int attempt)
    {
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message, report => OnDelivery(report, attempt));
                return;
            }
            catch (ProduceException<string, T> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The client's queue is full: serve delivery reports until there is room again.
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private void OnDelivery(DeliveryReport<string, T> report, int attempt)
    {
        if (!report.Error.IsError)
        {
            Counters.OnAcknowledged();
            return;
        }
        if (attempt < _retries && !report.Error.IsFatal)
        {
            Counters.OnRetried();
            LogRetrying(_logger, _topic, report.Message.Key, report.Error.Reason, attempt + 1, _retries);
            Send(report.Message, attempt + 1);
            return;
        }
        Counters.OnFailed();
        LogDeliveryFailed(_logger, _topic, report.Message.Key, report.Error.Code, report.Error.Reason);
    }

    /// <summary>Waits until every queued message is acknowledged or failed; returns how many are still outstanding.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    /// <summary>Disposes the producer (call <see cref="Flush"/> first or queued messages are abandoned).</summary>
    public void Dispose() => _producer.Dispose();

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Delivery to {Topic} of key {Key} failed ({Reason}); retry {Attempt} of {Retries}")]
    private static partial void LogRetrying(ILogger logger, string topic, string key, string reason, int attempt, int retries);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Delivery to {Topic} of key {Key} failed for good: {Code} {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string topic, string key, ErrorCode code, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Kafka client error on {Topic}: {Code} {Reason}")]
    private static partial void LogClientError(ILogger logger, string topic, ErrorCode code, string reason);
}
