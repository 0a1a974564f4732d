using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>What <see cref="ProducerStateTable.Check"/> decided about a batch.</summary>
/// <param name="Error">None to append (or for a duplicate), otherwise the error to answer with.</param>
/// <param name="DuplicateOfOffset">For a retried batch already in the log: its first offset; otherwise -1.</param>
internal readonly record struct SequenceCheck(ErrorCode Error, long DuplicateOfOffset)
{
    public static SequenceCheck Accept => new(ErrorCode.None, -1);

    public bool IsDuplicate => DuplicateOfOffset >= 0;

    public static SequenceCheck Duplicate(long firstOffset) => new(ErrorCode.None, firstOffset);

    public static SequenceCheck Reject(ErrorCode error) => new(error, -1);
}
