using SensorStream.Contracts.Avro.Binary;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>Arrays and maps: block by block, resolving each item (and copying each map key).</summary>
internal sealed class CollectionStep(bool isMap, int writerItemMinSize) : TranscodeStep
{
    /// <summary>Largest reader-encoded value a resolution may produce (64 MiB; Kafka messages are far smaller).</summary>
    public const int MaxOutputBytes = 64 * 1024 * 1024;

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
                // Reader defaults can make the output larger than the input (empty writer records gaining defaulted
                // fields), so the rewrite is capped too: a hostile payload must not turn a few bytes into gigabytes.
                if (writer.Length > MaxOutputBytes)
                {
                    throw new AvroDecodeException(AvroDecodeError.OversizedLength, $"resolved value exceeds {MaxOutputBytes} bytes", reader.Position);
                }
            }
        }
        writer.WriteCollectionEnd();
    }
}
