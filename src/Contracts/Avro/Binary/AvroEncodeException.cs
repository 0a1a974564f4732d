namespace SensorStream.Contracts.Avro.Binary;

/// <summary>A value that does not fit its schema (wrong type, decimal with too many digits, unknown enum symbol, …).</summary>
public sealed class AvroEncodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AvroEncodeException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
