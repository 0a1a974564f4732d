using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>The outcome of <see cref="RecordBatchValidator.Validate"/>: the batches, or why they were refused.</summary>
internal sealed record BatchValidation(ErrorCode Error, string? Reason, IReadOnlyList<RecordBatchHeader> Batches)
{
    public bool IsValid => Error == ErrorCode.None;

    public static BatchValidation Ok(IReadOnlyList<RecordBatchHeader> batches) => new(ErrorCode.None, null, batches);

    public static BatchValidation Fail(ErrorCode error, string reason) => new(error, reason, []);
}
