using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>The outcome of appending one Produce partition's records.</summary>
/// <param name="Error">None on success (including a recognised duplicate).</param>
/// <param name="BaseOffset">The offset of the first record written (or of the original, for a duplicate); -1 on error.</param>
/// <param name="LogStartOffset">The partition's first offset after the append.</param>
/// <param name="Message">Why the append was refused, for the log and Produce v8+ error messages.</param>
/// <param name="IsDuplicate">True when an idempotent producer's retry was recognised and nothing was written.</param>
internal readonly record struct AppendResult(ErrorCode Error, long BaseOffset, long LogStartOffset, string? Message = null, bool IsDuplicate = false)
{
    public static AppendResult Fail(ErrorCode error, long logStartOffset, string message) => new(error, -1, logStartOffset, message);
}
