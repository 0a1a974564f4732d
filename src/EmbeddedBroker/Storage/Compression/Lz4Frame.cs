using System.Runtime.InteropServices;

namespace SensorStream.EmbeddedBroker.Storage.Compression;

/// <summary>LZ4 frame decompression (Kafka's LZ4 for record batch v2) through the system's liblz4 (Debian's liblz4-1).</summary>
internal static class Lz4Frame
{
    private const string Library = "liblz4.so.1";

    /// <summary>LZ4F_VERSION from lz4frame.h.</summary>
    private const uint FrameApiVersion = 100;

    public static byte[] Decompress(ReadOnlySpan<byte> compressed, int maxBytes)
    {
        var input = compressed.ToArray();
        var chunk = new byte[128 * 1024];
        var inputHandle = GCHandle.Alloc(input, GCHandleType.Pinned);
        var chunkHandle = GCHandle.Alloc(chunk, GCHandleType.Pinned);
        Check(CreateContext(out var context, FrameApiVersion));
        try
        {
            using var output = new MemoryStream();
            var consumed = 0;
            nuint hint = 1;
            while (consumed < input.Length)
            {
                var outSize = (nuint)chunk.Length;
                var inSize = (nuint)(input.Length - consumed);
                hint = Check(DecompressFrame(context, chunkHandle.AddrOfPinnedObject(), ref outSize,
                    inputHandle.AddrOfPinnedObject() + consumed, ref inSize, IntPtr.Zero));
                consumed += (int)inSize;
                if (output.Length + (long)outSize > maxBytes)
                {
                    throw new InvalidDataException($"lz4: decompressed data exceeds {maxBytes} bytes");
                }
                output.Write(chunk, 0, (int)outSize);
                if (inSize == 0 && outSize == 0)
                {
                    throw new InvalidDataException("lz4: decoder made no progress");
                }
            }
            // Drain what the decoder still holds once all input is consumed.
            while (hint != 0)
            {
                var outSize = (nuint)chunk.Length;
                nuint inSize = 0;
                hint = Check(DecompressFrame(context, chunkHandle.AddrOfPinnedObject(), ref outSize, inputHandle.AddrOfPinnedObject(), ref inSize, IntPtr.Zero));
                if (outSize == 0)
                {
                    throw new InvalidDataException("lz4: truncated frame");
                }
                output.Write(chunk, 0, (int)outSize);
            }
            return output.ToArray();
        }
        finally
        {
            FreeContext(context);
            inputHandle.Free();
            chunkHandle.Free();
        }
    }

    private static nuint Check(nuint result) =>
        IsError(result) != 0 ? throw new InvalidDataException("lz4: " + Marshal.PtrToStringAnsi(GetErrorName(result))) : result;

    [DllImport(Library, EntryPoint = "LZ4F_createDecompressionContext")]
    private static extern nuint CreateContext(out IntPtr context, uint version);

    [DllImport(Library, EntryPoint = "LZ4F_freeDecompressionContext")]
    private static extern nuint FreeContext(IntPtr context);

    [DllImport(Library, EntryPoint = "LZ4F_decompress")]
    private static extern nuint DecompressFrame(IntPtr context, IntPtr destination, ref nuint destinationSize,
        IntPtr source, ref nuint sourceSize, IntPtr options);

    [DllImport(Library, EntryPoint = "LZ4F_isError")]
    private static extern uint IsError(nuint code);

    [DllImport(Library, EntryPoint = "LZ4F_getErrorName")]
    private static extern IntPtr GetErrorName(nuint code);
}
