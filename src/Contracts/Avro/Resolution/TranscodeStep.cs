using SensorStream.Contracts.Avro.Binary;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>One node of a compiled resolution: reads a value in the writer's schema and writes it in the reader's.</summary>
internal abstract class TranscodeStep
{
    public abstract void Run(ref AvroReader reader, ref AvroWriter writer);
}
