using System.IO.Compression;

namespace SensorStream.EmbeddedBroker.Storage.Compression;

/// <summary>
/// Decompresses the records section of a compressed record batch, for validation on produce and for exact
/// offset-by-timestamp lookups. gzip comes from the BCL, zstd and lz4 from the system libraries librdkafka
/// itself depends on (libzstd1, liblz4-1), snappy from <see cref="SnappyDecoder"/>. Output is capped so a
/// decompression bomb fails instead of exhausting memory.
/// </summary>
internal static class BatchDecompressor
{
    /// <summary>Upper bound for one batch's decompressed records (bytes): 256 MiB.</summary>
    public const int MaxDecompressedBytes = 256 * 1024 * 1024;

    /// <summary>Decompresses <paramref name="compressed"/>; throws <see cref="InvalidDataException"/> when it is not valid for the codec.</summary>
    public static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> compressed) => codec switch
    {
        CompressionCodec.None => compressed.ToArray(),
        CompressionCodec.Gzip => Gunzip(compressed),
        CompressionCodec.Snappy => SnappyDecoder.Decompress(compressed, MaxDecompressedBytes),
        CompressionCodec.Lz4 => Lz4Frame.Decompress(compressed, MaxDecompressedBytes),
        CompressionCodec.Zstd => ZstdFrame.Decompress(compressed, MaxDecompressedBytes),
        _ => throw new InvalidDataException($"unknown compression codec {(int)codec}"),
    };

    private static byte[] Gunzip(ReadOnlySpan<byte> compressed)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        return BoundedCopy.ReadAll(gzip, MaxDecompressedBytes);
    }
}
