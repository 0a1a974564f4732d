using System.Text;

namespace SensorStream.Contracts.Avro.Parsing;

/// <summary>The CRC-64-AVRO (Rabin) fingerprint the Avro specification defines for schema Parsing Canonical Forms.</summary>
public static class Crc64Avro
{
    /// <summary>The fingerprint of no bytes; also the polynomial seed, as the specification gives it.</summary>
    public const ulong Empty = 0xc15d213aa4d7a795UL;

    private static readonly ulong[] Table = BuildTable();

    /// <summary>Fingerprint of raw bytes.</summary>
    public static ulong Compute(ReadOnlySpan<byte> data)
    {
        var fp = Empty;
        foreach (var b in data)
        {
            fp = (fp >> 8) ^ Table[(int)((fp ^ b) & 0xff)];
        }
        return fp;
    }

    /// <summary>Fingerprint of the UTF-8 bytes of <paramref name="text"/> (normally a schema's canonical form).</summary>
    public static ulong Compute(string text) => Compute(Encoding.UTF8.GetBytes(text));

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < 256; i++)
        {
            var fp = (ulong)i;
            for (var j = 0; j < 8; j++)
            {
                fp = (fp >> 1) ^ (Empty & (0UL - (fp & 1)));
            }
            table[i] = fp;
        }
        return table;
    }
}
