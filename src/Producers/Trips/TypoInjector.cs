using System.Globalization;
using SensorStream.Contracts.Trips;

namespace SensorStream.Producers.Trips;

/// <summary>
/// Mistypes a number the way people do on a numeric keypad: drops a digit, hits a neighbouring key, or swaps two
/// neighbouring digits — always on the integer part, keeping the decimals, and always changing the value.
/// </summary>
public static class TypoInjector
{
    /// <summary>The value with <paramref name="error"/> applied, or null when the value has too few digits for it.</summary>
    public static double? Apply(double value, EntryError error, int decimals, Random random)
    {
        var text = Math.Abs(value).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var point = text.IndexOf('.');
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? string.Empty : text[point..];
        var typed = error switch
        {
            EntryError.DroppedDigit when integer.Length >= 2 => DropDigit(integer, random),
            EntryError.AdjacentKey => HitNeighbour(integer, random),
            EntryError.Transposed => Transpose(integer, random),
            _ => null,
        };
        if (typed is null || typed == integer)
        {
            return null;
        }
        var result = double.Parse(typed + fraction, CultureInfo.InvariantCulture);
        return value < 0 ? -result : result;
    }

    private static string DropDigit(string digits, Random random)
    {
        var at = random.Next(digits.Length);
        var dropped = digits.Remove(at, 1).TrimStart('0');
        return dropped.Length == 0 ? "0" : dropped;
    }

    private static string HitNeighbour(string digits, Random random)
    {
        var at = random.Next(digits.Length);
        var neighbours = NumericKeypad.NeighboursOf(digits[at]);
        var chars = digits.ToCharArray();
        chars[at] = neighbours[random.Next(neighbours.Length)];
        // A leading zero would not be typed: hit a non-zero neighbour instead.
        if (at == 0 && chars[0] == '0' && digits.Length > 1)
        {
            chars[0] = neighbours.First(c => c != '0');
        }
        return new string(chars);
    }

    private static string? Transpose(string digits, Random random)
    {
        var pairs = Enumerable.Range(0, digits.Length - 1).Where(i => digits[i] != digits[i + 1] && !(i == 0 && digits[1] == '0')).ToList();
        if (pairs.Count == 0)
        {
            return null;
        }
        var at = pairs[random.Next(pairs.Count)];
        var chars = digits.ToCharArray();
        (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
        return new string(chars);
    }
}
