using SensorStream.StreamProcessors.Pipeline;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>A partition's lane processor that can say how far its input may be committed.</summary>
internal interface ICommittableProcessor : ILaneProcessor<SourceRecord, OutputRecord>
{
    /// <summary>The offset to commit (the next record to read after a restart), or -1 when nothing may be committed yet.</summary>
    long SafeOffset { get; }
}
