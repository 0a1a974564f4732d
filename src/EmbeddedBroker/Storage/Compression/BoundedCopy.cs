namespace SensorStream.EmbeddedBroker.Storage.Compression;

/// <summary>Reads a decompressing stream to the end, refusing to grow past a limit.</summary>
internal static class BoundedCopy
{
    public static byte[] ReadAll(Stream source, int maxBytes)
    {
        using var output = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            if (output.Length + read > maxBytes)
            {
                throw new InvalidDataException($"decompressed data exceeds {maxBytes} bytes");
            }
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }
}
