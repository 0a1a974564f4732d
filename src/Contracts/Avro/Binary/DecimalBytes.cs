using System.Buffers.Binary;

namespace SensorStream.Contracts.Avro.Binary;

/// <summary>
/// Avro's decimal representation: the unscaled value as a minimal two's-complement big-endian integer, the scale taken from
/// the schema. Works on <see cref="Int128"/> so .NET <see cref="decimal"/> (96-bit mantissa) never needs a heap allocation.
/// </summary>
internal static class DecimalBytes
{
    private static readonly UInt128[] PowersOfTen = BuildPowers();

    /// <summary>The unscaled value of <paramref name="value"/> at <paramref name="scale"/>, checked against <paramref name="precision"/>.</summary>
    public static Int128 ToUnscaled(decimal value, int precision, int scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        var valueScale = (bits[3] >> 16) & 0xff;
        var negative = bits[3] < 0;
        if (valueScale < scale)
        {
            var factor = PowersOfTen[scale - valueScale];
            if (magnitude > UInt128.MaxValue / factor)
            {
                throw new AvroEncodeException($"decimal {value} does not fit precision {precision}");
            }
            magnitude *= factor;
        }
        else if (valueScale > scale)
        {
            // Dropping digits would change a money amount silently, so only trailing zeros may go.
            var divisor = PowersOfTen[valueScale - scale];
            var quotient = UInt128.DivRem(magnitude, divisor);
            if (quotient.Remainder != 0)
            {
                throw new AvroEncodeException($"decimal {value} has more than {scale} digits after the point");
            }
            magnitude = quotient.Quotient;
        }
        if (precision < PowersOfTen.Length && magnitude >= PowersOfTen[precision])
        {
            throw new AvroEncodeException($"decimal {value} has more than {precision} digits");
        }
        return negative ? -(Int128)magnitude : (Int128)magnitude;
    }

    /// <summary>Converts an unscaled value back to a .NET decimal.</summary>
    public static bool TryToDecimal(Int128 unscaled, int scale, out decimal value)
    {
        value = 0;
        var negative = unscaled < 0;
        var magnitude = negative ? (UInt128)(-unscaled) : (UInt128)unscaled;
        if (scale > 28 || magnitude >> 96 != 0)
        {
            return false;
        }
        var lo = (int)(uint)magnitude;
        var mid = (int)(uint)(magnitude >> 32);
        var hi = (int)(uint)(magnitude >> 64);
        value = new decimal(lo, mid, hi, negative, (byte)scale);
        return true;
    }

    /// <summary>Writes the minimal two's-complement big-endian form (at least one byte); returns the byte count.</summary>
    public static int Write(Int128 unscaled, Span<byte> destination16)
    {
        Span<byte> full = stackalloc byte[16];
        BinaryPrimitives.WriteInt128BigEndian(full, unscaled);
        var start = 0;
        // A leading byte is redundant when it only repeats the sign of the byte after it.
        while (start < 15 && ((full[start] == 0x00 && full[start + 1] < 0x80) || (full[start] == 0xff && full[start + 1] >= 0x80)))
        {
            start++;
        }
        full[start..].CopyTo(destination16);
        return 16 - start;
    }

    /// <summary>Reads a two's-complement big-endian integer of any length that fits in 128 bits.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out Int128 unscaled)
    {
        unscaled = 0;
        if (bytes.IsEmpty)
        {
            return true;
        }
        var sign = (bytes[0] & 0x80) != 0 ? (byte)0xff : (byte)0x00;
        // Longer than 16 bytes is fine when the excess only repeats the sign.
        while (bytes.Length > 16)
        {
            if (bytes[0] != sign)
            {
                return false;
            }
            bytes = bytes[1..];
        }
        if (bytes.Length == 16 && ((bytes[0] & 0x80) != 0) != (sign == 0xff))
        {
            return false;
        }
        Span<byte> full = stackalloc byte[16];
        full.Fill(sign);
        bytes.CopyTo(full[(16 - bytes.Length)..]);
        unscaled = BinaryPrimitives.ReadInt128BigEndian(full);
        return true;
    }

    private static UInt128[] BuildPowers()
    {
        var powers = new UInt128[39];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
