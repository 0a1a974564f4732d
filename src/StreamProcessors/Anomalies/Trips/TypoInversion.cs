using SensorStream.Contracts.Events;
using SensorStream.Contracts.Trips;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// Undoes keypad mistakes on the integer part of an entered number: re-inserts a digit (dropped digit), puts back each
/// key whose neighbour may have been hit (adjacent key), and swaps neighbouring digits back (transposed digits). Each
/// candidate carries the chance that the mistake, made on it, gives exactly what was entered, so a candidate that many
/// slips lead to weighs more than one a single slip reaches. Digits are handled as numbers, not strings: this runs for
/// every field of every row.
/// </summary>
internal static class TypoInversion
{
    // Beyond 15 digits a double no longer holds every integer, and no trip log has such numbers.
    private const int MaxDigits = 15;
    private static readonly long[] Powers = [.. Enumerable.Range(0, 19).Select(p => (long)Math.Pow(10, p))];

    /// <summary>Adds the candidates for <paramref name="entered"/> in <paramref name="field"/> to <paramref name="into"/>.</summary>
    public static void AddCandidates(TripField field, double entered, List<TypoCandidate> into)
    {
        var decimals = TripFields.Decimals(field);
        var magnitude = Math.Round(Math.Abs(entered), decimals);
        if (!double.IsFinite(magnitude) || magnitude >= 1e15)
        {
            return;
        }
        var integer = (long)Math.Floor(magnitude);
        var fraction = magnitude - integer;
        Span<int> typed = stackalloc int[MaxDigits];
        typed = Digits(integer, typed);
        var sign = Math.Sign(entered) < 0 ? -1.0 : 1.0;
        void Add(AnomalyKind kind, long meant, double chance) =>
            into.Add(new TypoCandidate(field, kind, sign * Math.Round(meant + fraction, decimals), Math.Log(chance)));

        var length = typed.Length;
        for (var at = 0; at <= length; at++)
        {
            var place = Powers[length - at];
            var prefix = integer / place;
            var suffix = integer % place;
            for (var digit = at == 0 ? 1 : 0; digit <= 9; digit++)
            {
                // Inserting a digit next to an equal one gives the same number as inserting it before that one.
                if (at > 0 && typed[at - 1] == digit)
                {
                    continue;
                }
                var run = 1;
                for (var k = at; k < length && typed[k] == digit; k++)
                {
                    run++;
                }
                Add(AnomalyKind.DroppedDigit, (((prefix * 10) + digit) * place) + suffix, run / (double)(length + 1));
            }
        }
        // Dropping the leading digit of 10500 leaves 0500, typed as 500: the zeros after it vanish too (and 200 becomes 0).
        for (var zeros = 1; zeros <= 3 && length + zeros < MaxDigits; zeros++)
        {
            for (var digit = 1; digit <= 9; digit++)
            {
                Add(AnomalyKind.DroppedDigit, (digit * Powers[length + zeros]) + integer, 1.0 / (length + zeros + 1));
            }
        }
        for (var at = 0; at < length; at++)
        {
            foreach (var key in NumericKeypad.NeighboursOf((char)('0' + typed[at])))
            {
                var meant = key - '0';
                if (at == 0 && meant == 0 && length > 1)
                {
                    continue;
                }
                Add(AnomalyKind.AdjacentKeyTypo, integer + ((meant - typed[at]) * Powers[length - 1 - at]), NeighbourChance(meant, typed[at], at, length));
            }
        }
        Span<int> swapped = stackalloc int[length];
        for (var at = 0; at + 1 < length; at++)
        {
            if (typed[at] == typed[at + 1] || (at == 0 && typed[1] == 0))
            {
                continue;
            }
            typed.CopyTo(swapped);
            (swapped[at], swapped[at + 1]) = (swapped[at + 1], swapped[at]);
            var shift = (typed[at + 1] - typed[at]) * (Powers[length - 1 - at] - Powers[length - 2 - at]);
            Add(AnomalyKind.TransposedDigits, integer + shift, 1.0 / SwappablePairs(swapped));
        }
    }

    private static Span<int> Digits(long value, Span<int> buffer)
    {
        var length = 0;
        do
        {
            buffer[length++] = (int)(value % 10);
            value /= 10;
        }
        while (value > 0);
        buffer[..length].Reverse();
        return buffer[..length];
    }

    /// <summary>Chance that a slip on key <paramref name="meant"/> at <paramref name="at"/> types <paramref name="typed"/>.</summary>
    private static double NeighbourChance(int meant, int typed, int at, int length)
    {
        var neighbours = NumericKeypad.NeighboursOf((char)('0' + meant));
        var typedKey = (char)('0' + typed);
        var ways = 1.0;
        // Nobody types a leading zero: a slip onto 0 in the first position lands on the first non-zero neighbour.
        if (at == 0 && length > 1 && neighbours.Contains('0') && neighbours.First(c => c != '0') == typedKey)
        {
            ways = 2;
        }
        return ways / (neighbours.Length * length);
    }

    private static int SwappablePairs(ReadOnlySpan<int> digits)
    {
        var pairs = 0;
        for (var at = 0; at + 1 < digits.Length; at++)
        {
            if (digits[at] != digits[at + 1] && !(at == 0 && digits[1] == 0))
            {
                pairs++;
            }
        }
        return pairs;
    }
}
