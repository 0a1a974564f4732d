using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using SensorStream.EmbeddedBroker.Storage;
using SensorStream.EmbeddedBroker.Storage.Compression;

namespace SensorStream.Tests.EmbeddedBroker;

public sealed partial class BatchDecompressorTests
{
    private static readonly byte[] Sample = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("vibration block g1/sensor1 ", 400)));

    [Fact]
    public void Gzip_RoundTrips()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Sample);
        }
        Assert.Equal(Sample, BatchDecompressor.Decompress(CompressionCodec.Gzip, compressed.ToArray()));
    }

    [Fact]
    public void Zstd_DecodesWhatTheSystemLibraryEncodes()
    {
        var bound = ZstdCompressBound((nuint)Sample.Length);
        var output = new byte[(int)bound];
        var written = ZstdCompress(output, bound, Sample, (nuint)Sample.Length, 3);

        Assert.Equal(Sample, BatchDecompressor.Decompress(CompressionCodec.Zstd, output.AsSpan(0, (int)written)));
    }

    [Fact]
    public void Lz4_DecodesWhatTheSystemLibraryEncodes()
    {
        var bound = Lz4FrameBound((nuint)Sample.Length, IntPtr.Zero);
        var output = new byte[(int)bound];
        var written = Lz4CompressFrame(output, bound, Sample, (nuint)Sample.Length, IntPtr.Zero);

        Assert.Equal(Sample, BatchDecompressor.Decompress(CompressionCodec.Lz4, output.AsSpan(0, (int)written)));
    }

    [Fact]
    public void Snappy_RawBlockWithLiteralAndOverlappingCopy_Decodes()
    {
        // "abcabcabcabc": uncompressed length 12, literal "abc", then a 1-byte-offset copy of 9 bytes at offset 3.
        byte[] block = [12, 2 << 2, (byte)'a', (byte)'b', (byte)'c', (byte)(0b001 | ((9 - 4) << 2)), 3];

        Assert.Equal("abcabcabcabc", Encoding.ASCII.GetString(BatchDecompressor.Decompress(CompressionCodec.Snappy, block)));
    }

    [Fact]
    public void Snappy_XerialFraming_Decodes()
    {
        byte[] block = [3, 2 << 2, (byte)'x', (byte)'y', (byte)'z'];
        byte[] header = [0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1];
        var framed = header.Concat(new byte[] { 0, 0, 0, (byte)block.Length }).Concat(block).Concat(new byte[] { 0, 0, 0, (byte)block.Length }).Concat(block).ToArray();

        Assert.Equal("xyzxyz", Encoding.ASCII.GetString(BatchDecompressor.Decompress(CompressionCodec.Snappy, framed)));
    }

    [Theory]
    [InlineData(new byte[] { 10, 0x04, (byte)'a' })]
    [InlineData(new byte[] { 4, 0, (byte)'a', 0b0000_0101, 9 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x7F })]
    public void Snappy_MalformedInput_ThrowsInvalidData(byte[] input)
    {
        Assert.Throws<InvalidDataException>(() => BatchDecompressor.Decompress(CompressionCodec.Snappy, input));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Garbage_ThrowsInvalidData(int codec)
    {
        Assert.ThrowsAny<InvalidDataException>(() => BatchDecompressor.Decompress((CompressionCodec)codec, Encoding.ASCII.GetBytes("definitely not compressed data")));
    }

    [Fact]
    public void Zstd_BombBeyondTheLimit_IsRefused()
    {
        var zeros = new byte[BatchDecompressor.MaxDecompressedBytes + 1024];
        var bound = ZstdCompressBound((nuint)zeros.Length);
        var output = new byte[(int)bound];
        var written = ZstdCompress(output, bound, zeros, (nuint)zeros.Length, 1);

        var error = Assert.Throws<InvalidDataException>(() => BatchDecompressor.Decompress(CompressionCodec.Zstd, output.AsSpan(0, (int)written)));
        Assert.Contains("exceeds", error.Message);
    }

    [DllImport("libzstd.so.1", EntryPoint = "ZSTD_compressBound")]
    private static extern nuint ZstdCompressBound(nuint size);

    [DllImport("libzstd.so.1", EntryPoint = "ZSTD_compress")]
    private static extern nuint ZstdCompress(byte[] destination, nuint capacity, byte[] source, nuint size, int level);

    [DllImport("liblz4.so.1", EntryPoint = "LZ4F_compressFrameBound")]
    private static extern nuint Lz4FrameBound(nuint size, IntPtr preferences);

    [DllImport("liblz4.so.1", EntryPoint = "LZ4F_compressFrame")]
    private static extern nuint Lz4CompressFrame(byte[] destination, nuint capacity, byte[] source, nuint size, IntPtr preferences);
}
