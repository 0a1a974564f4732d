using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>The numeric promotions the specification allows: int to long, float or double; long to float or double; float to double.</summary>
internal sealed class PromoteStep(AvroType from, AvroType to) : TranscodeStep
{
    public static bool IsAllowed(AvroType from, AvroType to) => (from, to) switch
    {
        (AvroType.Int, AvroType.Long or AvroType.Float or AvroType.Double) => true,
        (AvroType.Long, AvroType.Float or AvroType.Double) => true,
        (AvroType.Float, AvroType.Double) => true,
        (AvroType.String, AvroType.Bytes) or (AvroType.Bytes, AvroType.String) => true,
        _ => false,
    };

    public override void Run(ref AvroReader reader, ref AvroWriter writer)
    {
        switch (from, to)
        {
            case (AvroType.Int, AvroType.Long):
                writer.WriteLong(reader.ReadInt());
                break;
            case (AvroType.Int, AvroType.Float):
                writer.WriteFloat(reader.ReadInt());
                break;
            case (AvroType.Int, AvroType.Double):
                writer.WriteDouble(reader.ReadInt());
                break;
            case (AvroType.Long, AvroType.Float):
                writer.WriteFloat(reader.ReadLong());
                break;
            case (AvroType.Long, AvroType.Double):
                writer.WriteDouble(reader.ReadLong());
                break;
            case (AvroType.Float, AvroType.Double):
                writer.WriteDouble(reader.ReadFloat());
                break;
            default:
                throw new InvalidOperationException($"no promotion from {from} to {to}");
        }
    }
}
