using System.Net.Sockets;
using Confluent.Kafka;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>
/// The one rule every role applies to a record's failure. Permanent: the bytes cannot be decoded (including a schema id
/// the registry does not know) — <see cref="AvroDecodeException"/> is the only way a decoder says so, so a decoder bug
/// (an <see cref="IndexOutOfRangeException"/>, say) is never mistaken for bad input. Transient: the registry answered
/// anything but "schema not found", could not be reached or timed out; a Kafka error that is not fatal; a role adds its
/// own (the sink: the database). Everything else is a bug.
/// </summary>
public static class RecordFailures
{
    /// <summary>Classifies <paramref name="exception"/>; <paramref name="isTransient"/> adds a role's own transient failures.</summary>
    public static FailureKind Classify(Exception exception, Func<Exception, bool>? isTransient = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AvroDecodeException => FailureKind.Permanent,
            SchemaRegistryException { ErrorCode: SchemaRegistryErrorCodes.SchemaNotFound } => FailureKind.Permanent,
            _ when IsTransient(exception) || isTransient?.Invoke(exception) == true => FailureKind.Transient,
            _ => FailureKind.Bug,
        };
    }

    /// <summary>Whether the failure is one of the transient kinds every role shares.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        // Any answer of the registry but "not found" (5xx, 401/403 while credentials are fixed, 429) is about the
        // registry, not the record.
        SchemaRegistryException => true,
        HttpRequestException or TimeoutException or SocketException => true,
        // HttpClient reports its own timeout as a cancellation; a stop of the role is told apart by its token.
        TaskCanceledException { InnerException: TimeoutException } => true,
        KafkaException kafka => !kafka.Error.IsFatal,
        AggregateException { InnerExceptions.Count: > 0 } aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => false,
    };
}
