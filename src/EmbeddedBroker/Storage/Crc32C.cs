using System.Buffers.Binary;
using System.Numerics;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of Kafka record batches v2. <see cref="BitOperations.Crc32C(uint, ulong)"/>
/// uses the CPU's CRC32 instruction where there is one, so this runs at several GB/s.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }
        return ~crc;
    }
}
