using SensorStream.Contracts.Avro.Binary;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>A reader field the writer lacks: writes the field's default, encoded once when the resolution was compiled.</summary>
internal sealed class DefaultStep(byte[] encodedDefault) : TranscodeStep
{
    public override void Run(ref AvroReader reader, ref AvroWriter writer) => writer.WriteFixed(encodedDefault);
}
