namespace SensorStream.Contracts.Events;

/// <summary>
/// A record a processor could not decode or validate, with its original bytes (<c>sensorstream.v1.DeadLetter</c>, topic
/// <c>dlq</c>, key = source topic).
/// </summary>
/// <param name="SourceTopic">Topic the record came from.</param>
/// <param name="SourcePartition">Its partition.</param>
/// <param name="SourceOffset">Its offset.</param>
/// <param name="SourceTimestamp">Its Kafka timestamp (millisecond precision on the wire), or null.</param>
/// <param name="Key">Original key bytes, or null.</param>
/// <param name="Value">Original value bytes, or null.</param>
/// <param name="Headers">Original headers, in order.</param>
/// <param name="ErrorReason">Machine-readable reason, e.g. an <see cref="Avro.Binary.AvroDecodeError"/> name.</param>
/// <param name="ErrorMessage">Human-readable message.</param>
/// <param name="Processor">Consumer group of the processor that gave up.</param>
/// <param name="FailedAt">When it gave up, UTC.</param>
public sealed partial record DeadLetter(
    string SourceTopic,
    int SourcePartition,
    long SourceOffset,
    DateTimeOffset? SourceTimestamp,
    byte[]? Key,
    byte[]? Value,
    IReadOnlyList<DeadLetterHeader> Headers,
    string ErrorReason,
    string ErrorMessage,
    string Processor,
    DateTimeOffset FailedAt);
