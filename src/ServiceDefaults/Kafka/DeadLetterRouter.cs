using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Contracts.WireFormat;

namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>
/// Turns a record that failed permanently into a <see cref="DeadLetter"/> on <c>dlq</c>: the reason (an
/// <see cref="AvroDecodeError"/> name, <c>UnknownSchemaId</c>, <c>InvalidValue</c>…), the message, where it came from
/// (topic, partition, offset, timestamp), its original key, value and headers, who gave up and when. Keyed by the source
/// topic. Every role builds its dead letters here, so they read the same whoever wrote them.
/// </summary>
public sealed partial class DeadLetterRouter(ISchemaRegistryClient registry, string processor, TimeProvider clock, ILogger logger)
{
    private readonly AvroSerializer<DeadLetter> _serializer = new(registry);

    /// <summary>Dead letters built so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    private long _count;

    /// <summary>The reason recorded for <paramref name="exception"/> (a permanent failure by <see cref="RecordFailures"/>).</summary>
    public static string ReasonOf(Exception exception) => exception switch
    {
        AvroDecodeException decode => decode.Reason.ToString(),
        SchemaRegistryException { ErrorCode: SchemaRegistryErrorCodes.SchemaNotFound } => nameof(AvroDecodeError.UnknownSchemaId),
        _ => exception.GetType().Name,
    };

    /// <summary>The dead letter of one consumed record.</summary>
    public DeadLetter Letter(string topic, int partition, long offset, DateTimeOffset? timestamp, byte[]? key, byte[]? value, Headers? headers,
        string reason, string message)
    {
        Interlocked.Increment(ref _count);
        LogDeadLetter(logger, processor, topic, partition, offset, reason, message);
        var copied = (headers ?? []).Select(h => new DeadLetterHeader(h.Key, h.GetValueBytes())).ToList();
        return new DeadLetter(topic, partition, offset, timestamp, key, value, copied, reason, message, processor, clock.GetUtcNow());
    }

    /// <summary>The dead letter of one consumed record.</summary>
    public DeadLetter Letter(ConsumeResult<byte[]?, byte[]?> result, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Letter(result.Topic, result.Partition.Value, result.Offset.Value, new DateTimeOffset(result.Message.Timestamp.UtcDateTime, TimeSpan.Zero),
            result.Message.Key, result.Message.Value, result.Message.Headers, reason, message);
    }

    /// <summary>The record to produce for <paramref name="letter"/>: key = source topic, value = the Avro dead letter, timestamp = when it failed.</summary>
    /// <remarks>Needs the registry only for the first dead letter of a process (the schema id is cached after it); call <see cref="WarmUpAsync"/> at start.</remarks>
    public Message<byte[]?, byte[]?> Message(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var value = ((ISerializer<DeadLetter>)_serializer).Serialize(letter, new SerializationContext(MessageComponentType.Value, Topics.DeadLetters));
        return new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(letter.SourceTopic),
            Value = value,
            Timestamp = new Timestamp(letter.FailedAt.UtcDateTime, TimestampType.CreateTime),
        };
    }

    /// <summary>Registers the dead-letter schema now, so routing a dead letter later never waits on the registry.</summary>
    public Task<int> WarmUpAsync(CancellationToken cancellationToken) => OutputSchemas.RegisterAsync<DeadLetter>(registry, Topics.DeadLetters, cancellationToken);

    [LoggerMessage(EventId = 9021, Level = LogLevel.Warning, Message = "{Processor}: {Topic} [{Partition}] offset {Offset} sent to the dead-letter topic: {Reason}: {Message}")]
    private static partial void LogDeadLetter(ILogger logger, string processor, string topic, int partition, long offset, string reason, string message);
}
