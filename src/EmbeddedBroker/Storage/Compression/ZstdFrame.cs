using System.Runtime.InteropServices;

namespace SensorStream.EmbeddedBroker.Storage.Compression;

/// <summary>Zstandard decompression through the system's libzstd (Debian's libzstd1, a dependency of librdkafka).</summary>
internal static class ZstdFrame
{
    private const string Library = "libzstd.so.1";

    public static byte[] Decompress(ReadOnlySpan<byte> compressed, int maxBytes)
    {
        var input = compressed.ToArray();
        var chunk = new byte[128 * 1024];
        var inputHandle = GCHandle.Alloc(input, GCHandleType.Pinned);
        var chunkHandle = GCHandle.Alloc(chunk, GCHandleType.Pinned);
        var stream = CreateDStream();
        try
        {
            Check(InitDStream(stream));
            var inBuffer = new Buffer(inputHandle.AddrOfPinnedObject(), (nuint)input.Length, 0);
            using var output = new MemoryStream();
            nuint hint = 1;
            while (inBuffer.Position < inBuffer.Size || hint != 0)
            {
                var outBuffer = new Buffer(chunkHandle.AddrOfPinnedObject(), (nuint)chunk.Length, 0);
                hint = Check(DecompressStream(stream, ref outBuffer, ref inBuffer));
                if (output.Length + (long)outBuffer.Position > maxBytes)
                {
                    throw new InvalidDataException($"zstd: decompressed data exceeds {maxBytes} bytes");
                }
                output.Write(chunk, 0, (int)outBuffer.Position);
                if (outBuffer.Position == 0 && inBuffer.Position == inBuffer.Size && hint != 0)
                {
                    throw new InvalidDataException("zstd: truncated frame");
                }
            }
            return output.ToArray();
        }
        finally
        {
            FreeDStream(stream);
            inputHandle.Free();
            chunkHandle.Free();
        }
    }

    private static nuint Check(nuint result) =>
        IsError(result) != 0 ? throw new InvalidDataException("zstd: " + Marshal.PtrToStringAnsi(GetErrorName(result))) : result;

    [StructLayout(LayoutKind.Sequential)]
    private struct Buffer(IntPtr data, nuint size, nuint position)
    {
        public IntPtr Data = data;
        public nuint Size = size;
        public nuint Position = position;
    }

    [DllImport(Library, EntryPoint = "ZSTD_createDStream")]
    private static extern IntPtr CreateDStream();

    [DllImport(Library, EntryPoint = "ZSTD_freeDStream")]
    private static extern nuint FreeDStream(IntPtr stream);

    [DllImport(Library, EntryPoint = "ZSTD_initDStream")]
    private static extern nuint InitDStream(IntPtr stream);

    [DllImport(Library, EntryPoint = "ZSTD_decompressStream")]
    private static extern nuint DecompressStream(IntPtr stream, ref Buffer output, ref Buffer input);

    [DllImport(Library, EntryPoint = "ZSTD_isError")]
    private static extern uint IsError(nuint code);

    [DllImport(Library, EntryPoint = "ZSTD_getErrorName")]
    private static extern IntPtr GetErrorName(nuint code);
}
