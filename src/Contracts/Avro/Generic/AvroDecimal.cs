using System.Globalization;
using System.Numerics;

namespace SensorStream.Contracts.Avro.Generic;

/// <summary>An Avro decimal of any size: the unscaled integer and the scale (value = unscaled × 10^-scale).</summary>
internal readonly record struct AvroDecimal(BigInteger Unscaled, int Scale)
{
    /// <summary>The same number at another scale; only exact (trailing-zero) reductions are allowed.</summary>
    public bool TryRescale(int scale, out BigInteger unscaled)
    {
        unscaled = Unscaled;
        if (scale == Scale)
        {
            return true;
        }
        if (scale > Scale)
        {
            unscaled = Unscaled * BigInteger.Pow(10, scale - Scale);
            return true;
        }
        unscaled = BigInteger.DivRem(Unscaled, BigInteger.Pow(10, Scale - scale), out var remainder);
        return remainder.IsZero;
    }

    /// <summary>Plain decimal notation with exactly <see cref="Scale"/> digits after the point, e.g. <c>-12.50</c>.</summary>
    public override string ToString()
    {
        var digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        if (Scale > 0)
        {
            digits = digits.PadLeft(Scale + 1, '0');
            digits = $"{digits[..^Scale]}.{digits[^Scale..]}";
        }
        return Unscaled.Sign < 0 ? "-" + digits : digits;
    }

    /// <summary>Parses plain decimal notation; the scale is the number of digits after the point.</summary>
    public static AvroDecimal Parse(string text)
    {
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var scale = point < 0 ? 0 : text.Length - point - 1;
        var digits = point < 0 ? text : text.Remove(point, 1);
        return new AvroDecimal(BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), scale);
    }
}
