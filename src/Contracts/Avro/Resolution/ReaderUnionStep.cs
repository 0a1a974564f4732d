using SensorStream.Contracts.Avro.Binary;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>A non-union writer value read into a reader union: writes the chosen reader branch index, then the value.</summary>
internal sealed class ReaderUnionStep(int readerBranch, TranscodeStep value) : TranscodeStep
{
    public override void Run(ref AvroReader reader, ref AvroWriter writer)
    {
        writer.WriteUnionIndex(readerBranch);
        value.Run(ref reader, ref writer);
    }
}
