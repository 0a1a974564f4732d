using SensorStream.Contracts.Avro.Binary;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>Arrays and maps: block by block, resolving each item (and copying each map key).</summary>
internal sealed class CollectionStep(bool isMap, int writerItemMinSize) : TranscodeStep
{
    public TranscodeStep Item { get; set; } = null!;

    public override void Run(ref AvroReader reader, ref AvroWriter writer)
    {
        var minSize = isMap ? 1 + writerItemMinSize : writerItemMinSize;
        for (var count = reader.ReadBlockCount(minSize); count != 0; count = reader.ReadBlockCount(minSize))
        {
            writer.WriteBlockCount(count);
            for (var i = 0; i < count; i++)
            {
                if (isMap)
                {
                    writer.WriteBytes(reader.ReadBytesSpan());
                }
                Item.Run(ref reader, ref writer);
            }
        }
        writer.WriteCollectionEnd();
    }
}
