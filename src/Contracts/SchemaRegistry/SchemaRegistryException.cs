namespace SensorStream.Contracts.SchemaRegistry;

/// <summary>An error answer from a schema registry, with Confluent's error code (e.g. 40401 subject not found).</summary>
public sealed class SchemaRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="httpStatus">The HTTP status code.</param>
    /// <param name="errorCode">The registry error code (<c>error_code</c>), or the HTTP status when the body had none.</param>
    /// <param name="message">The registry's message.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public SchemaRegistryException(int httpStatus, int errorCode, string message, Exception? inner = null)
        : base($"{message} (HTTP {httpStatus}, error code {errorCode})", inner)
    {
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
        ErrorMessage = message;
    }

    /// <summary>The registry's message alone (the <c>message</c> of the error body), without status and code.</summary>
    public string ErrorMessage { get; }

    /// <summary>The HTTP status code.</summary>
    public int HttpStatus { get; }

    /// <summary>The registry error code: 40401 subject not found, 40402 version not found, 40403 schema not found, 409 incompatible, 42201 invalid schema, ….</summary>
    public int ErrorCode { get; }
}
