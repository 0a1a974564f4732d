using System.Globalization;
using System.Text;

namespace SensorStream.Producers.Import.Parsing;

/// <summary>
/// Reads numbers as people type them in a spreadsheet: <c>12500</c>, <c>12,500</c>, <c>12 500</c>, <c>1,234,567.89</c>,
/// <c>12.500,00</c>, <c>12,5</c> (decimal comma), and for money a currency sign or code before or after
/// (<c>₩12,500</c>, <c>12,500원</c>, <c>12.500,00 €</c>, <c>EUR 12.50</c>). A separator is read as a thousands
/// separator only when that is the one reading: the other separator follows it, it repeats, or — for a column that
/// holds at most <c>maxDecimals</c> &lt; 3 decimals — exactly three digits follow a lone comma. A lone dot is always a
/// decimal point, and a lone comma followed by three digits in a column that may hold three decimals is refused as
/// ambiguous rather than guessed.
/// </summary>
public static class NumberParser
{
    private static readonly string[] CurrencyMarks = ["₩", "원", "€", "$", "£", "¥", "KRW", "EUR", "USD", "GBP", "JPY", "CHF"];

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says why (without the column name).</summary>
    /// <param name="text">The cell.</param>
    /// <param name="money">Whether a currency sign or code may surround the amount.</param>
    /// <param name="maxDecimals">Decimals the column may hold; a lone comma before three digits is a thousands separator only when this is below 3.</param>
    /// <param name="value">The number.</param>
    /// <param name="problem">Why the text is not a number, or null.</param>
    public static bool TryParse(string text, bool money, int maxDecimals, out decimal value, out string? problem)
    {
        value = 0;
        problem = null;
        var span = text.Trim();
        if (money)
        {
            span = StripCurrency(span);
        }
        var negative = false;
        if (span.Length > 0 && span[0] is '-' or '−')
        {
            negative = true;
            span = span[1..].TrimStart();
        }
        var digits = new StringBuilder(span.Length);
        int dots = 0, commas = 0, lastDot = -1, lastComma = -1;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is '.' or ',')
            {
                digits.Append(c);
                if (c == '.')
                {
                    dots++;
                    lastDot = digits.Length - 1;
                }
                else
                {
                    commas++;
                    lastComma = digits.Length - 1;
                }
            }
            else if (c is ' ' or '\u00A0' or '\u202F' or '\u2009' or '\'' && i > 0 && i < span.Length - 1 && char.IsAsciiDigit(span[i - 1]) && char.IsAsciiDigit(span[i + 1]))
            {
                // Spaces and apostrophes group thousands (French, Swiss); they are dropped, and the groups checked below.
                digits.Append('_');
            }
            else
            {
                problem = "is not a number";
                return false;
            }
        }
        var written = digits.ToString();
        if (written.Length == 0 || !char.IsAsciiDigit(written[^1]) || !char.IsAsciiDigit(written[0]))
        {
            problem = "is not a number";
            return false;
        }
        char? decimalMark;
        char? groupMark;
        if (dots > 0 && commas > 0)
        {
            decimalMark = lastDot > lastComma ? '.' : ',';
            groupMark = decimalMark == '.' ? ',' : '.';
            if ((decimalMark == '.' ? dots : commas) > 1)
            {
                problem = "is not a number (two decimal marks)";
                return false;
            }
        }
        else if (dots + commas == 0)
        {
            (decimalMark, groupMark) = (null, null);
        }
        else
        {
            var mark = dots > 0 ? '.' : ',';
            var count = Math.Max(dots, commas);
            var after = written.Length - 1 - written.LastIndexOf(mark);
            if (count > 1)
            {
                (decimalMark, groupMark) = (null, mark);
            }
            else if (mark == '.' || after != 3)
            {
                (decimalMark, groupMark) = (mark, null);
            }
            else if (maxDecimals < 3)
            {
                (decimalMark, groupMark) = (null, mark);
            }
            else
            {
                problem = "is ambiguous: a comma before three digits is a thousands separator or a decimal comma; write it without the comma or with a dot for decimals";
                return false;
            }
        }
        var integerEnd = decimalMark is { } d ? written.LastIndexOf(d) : written.Length;
        var integerPart = written[..integerEnd];
        if (groupMark is not null || integerPart.Contains('_', StringComparison.Ordinal))
        {
            var groups = integerPart.Split(groupMark is { } separator ? [separator, '_'] : ['_']);
            if (groups.Length > 1 && (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(x => x.Length != 3)))
            {
                problem = "is not a number (thousands groups must have three digits)";
                return false;
            }
            if (integerPart.Contains('_', StringComparison.Ordinal) && groupMark is not null)
            {
                problem = "is not a number (two kinds of thousands separators)";
                return false;
            }
            integerPart = string.Concat(groups);
        }
        var fraction = decimalMark is not null ? written[(integerEnd + 1)..] : string.Empty;
        if (fraction.Contains('_', StringComparison.Ordinal) || integerPart.Length == 0 || fraction.Any(c => !char.IsAsciiDigit(c)) || integerPart.Any(c => !char.IsAsciiDigit(c)))
        {
            problem = "is not a number";
            return false;
        }
        var invariant = fraction.Length > 0 ? $"{integerPart}.{fraction}" : integerPart;
        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            problem = "is out of range";
            return false;
        }
        if (negative)
        {
            value = -value;
        }
        return true;
    }

    /// <summary>The amount without a currency sign or code before or after it (at most one).</summary>
    private static string StripCurrency(string text)
    {
        foreach (var mark in CurrencyMarks)
        {
            if (text.StartsWith(mark, StringComparison.OrdinalIgnoreCase))
            {
                return text[mark.Length..].Trim();
            }
            if (text.EndsWith(mark, StringComparison.OrdinalIgnoreCase))
            {
                return text[..^mark.Length].Trim();
            }
        }
        return text;
    }
}
