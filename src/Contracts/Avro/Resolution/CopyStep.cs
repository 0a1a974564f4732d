using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>Writer and reader encode the value identically (same canonical form, or string/bytes): copy its bytes through.</summary>
internal sealed class CopyStep(AvroSchema writerSchema) : TranscodeStep
{
    public override void Run(ref AvroReader reader, ref AvroWriter writer)
    {
        var start = reader.Position;
        GenericDatumReader.Skip(ref reader, writerSchema);
        writer.WriteFixed(reader.ConsumedSince(start));
    }
}
