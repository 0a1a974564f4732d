using SensorStream.Contracts.Avro.Binary;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>
/// A writer value the reader cannot represent. Resolution fails only when such a value actually occurs (as the
/// specification says), so a writer union branch or enum symbol the reader lacks is harmless until it is used.
/// </summary>
internal sealed class FailStep(string reason) : TranscodeStep
{
    public string Reason { get; } = reason;

    public override void Run(ref AvroReader reader, ref AvroWriter writer) =>
        throw new AvroDecodeException(AvroDecodeError.IncompatibleSchema, Reason, reader.Position);
}
