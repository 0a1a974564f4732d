using SensorStream.Contracts.Avro.Binary;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>A writer union: reads the branch index and runs that branch's resolution.</summary>
internal sealed class WriterUnionStep(TranscodeStep[] branches) : TranscodeStep
{
    public override void Run(ref AvroReader reader, ref AvroWriter writer) =>
        branches[reader.ReadUnionIndex(branches.Length)].Run(ref reader, ref writer);
}
