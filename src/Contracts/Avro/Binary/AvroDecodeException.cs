namespace SensorStream.Contracts.Avro.Binary;

/// <summary>
/// A payload that cannot be decoded. It is the payload's fault, not the consumer's: route the message to the dead-letter
/// topic with <see cref="Reason"/> rather than retrying.
/// </summary>
public sealed class AvroDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The machine-readable reason.</param>
    /// <param name="message">What was wrong, for people.</param>
    /// <param name="position">Byte offset in the Avro body where decoding failed, or -1 when not applicable.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public AvroDecodeException(AvroDecodeError reason, string message, long position = -1, Exception? inner = null)
        : base(position >= 0 ? $"{reason}: {message} (at byte {position})" : $"{reason}: {message}", inner)
    {
        Reason = reason;
        Position = position;
    }

    /// <summary>Why decoding failed.</summary>
    public AvroDecodeError Reason { get; }

    /// <summary>Byte offset where decoding failed, or -1.</summary>
    public long Position { get; }
}
