using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>A writer field the reader does not have: read past it.</summary>
internal sealed class SkipStep(AvroSchema writerSchema) : TranscodeStep
{
    public override void Run(ref AvroReader reader, ref AvroWriter writer) => GenericDatumReader.Skip(ref reader, writerSchema);
}
