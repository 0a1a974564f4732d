using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Contracts.WireFormat;
using SensorStream.ServiceDefaults.Kafka;

namespace SensorStream.Producers.Publishing;

/// <summary>
/// Publishes events of one type to one topic through the shared <see cref="ReliableProducer"/> (idempotent, acks=all)
/// with the project's Avro codec: keyed, batched, ordered per key, counted. librdkafka retries a delivery within
/// <see cref="PublisherOptions.DeliveryTimeout"/>; a record that still fails is counted and logged, never produced again
/// by the application, since that could put it behind later records of its key. <see cref="Flush"/> before disposing.
/// </summary>
public sealed class EventPublisher<T> : IDisposable where T : class, IAvroEvent<T>
{
    private readonly ReliableProducer _producer;
    private readonly ISerializer<T> _serializer;
    private readonly ISchemaRegistryClient _registry;
    private readonly string _topic;
    private readonly ILogger _logger;

    /// <summary>Creates the producer; nothing is sent until <see cref="Publish"/>.</summary>
    public EventPublisher(KafkaOptions kafka, PublisherOptions options, ISchemaRegistryClient registry, string topic, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _producer = new ReliableProducer(kafka, logger, $"publisher {topic}", config =>
        {
            config.LingerMs = options.Linger.TotalMilliseconds;
            config.BatchNumMessages = options.BatchMessages;
            config.CompressionType = options.Compression;
            config.MessageTimeoutMs = (int)options.DeliveryTimeout.TotalMilliseconds;
            config.QueueBufferingMaxMessages = 500_000;
        });
        _producer.Delivered += report =>
        {
            if (report.Error.IsError)
            {
                Counters.OnFailed();
            }
            else
            {
                Counters.OnAcknowledged();
            }
        };
        _serializer = new AvroSerializer<T>(registry);
        _registry = registry;
        _topic = topic;
        _logger = logger;
    }

    /// <summary>The topic this publisher writes to.</summary>
    public string Topic => _topic;

    /// <summary>Produced, acknowledged and failed counts.</summary>
    public PublishCounters Counters { get; } = new();

    /// <summary>
    /// Registers the event's schema for the topic, waiting out a registry that is not reachable yet, so that
    /// <see cref="Publish"/> never calls the registry.
    /// </summary>
    public Task RegisterSchemaAsync(CancellationToken cancellationToken) =>
        new TransientRetry(new RetryOptions(), _logger, $"publisher {_topic}").ExecuteAsync(ct => OutputSchemas.RegisterAsync<T>(_registry, _topic, ct), cancellationToken);

    /// <summary>Queues one event; blocks only while the client's local queue is full (backpressure).</summary>
    public void Publish(OutgoingEvent<T> outgoing)
    {
        ArgumentNullException.ThrowIfNull(outgoing);
        var message = new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(outgoing.Key),
            Value = _serializer.Serialize(outgoing.Value, new SerializationContext(MessageComponentType.Value, _topic)),
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
        _producer.Produce(_topic, message);
    }

    /// <summary>Waits until every queued message is acknowledged or failed; returns how many are still outstanding.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    /// <summary>Disposes the producer (call <see cref="Flush"/> first or queued messages are abandoned).</summary>
    public void Dispose() => _producer.Dispose();
}
