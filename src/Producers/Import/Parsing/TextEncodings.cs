using System.Text;

namespace SensorStream.Producers.Import.Parsing;

/// <summary>
/// The text encodings an import reads. UTF-8 is strict (a byte that is not UTF-8 stops the import instead of becoming
/// U+FFFD in a sensor id); a byte-order mark switches to UTF-16/32. Korean Excel saves CSV as code page 949, named
/// here <c>cp949</c> (also <c>euc-kr</c>, <c>ks_c_5601-1987</c>, <c>uhc</c>); any code page number or .NET name works.
/// </summary>
public static class TextEncodings
{
    /// <summary>Strict UTF-8 without a BOM of its own.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The encoding <paramref name="name"/> names, or strict UTF-8 for null.</summary>
    /// <exception cref="FormatException">No such encoding.</exception>
    public static Encoding Parse(string? name)
    {
        if (name is null || name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return StrictUtf8;
        }
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var key = name.Trim().ToLowerInvariant();
        var codePage = key switch
        {
            "cp949" or "ms949" or "uhc" or "euc-kr" or "euckr" or "ks_c_5601-1987" or "korean" => 949,
            _ when key.StartsWith("cp", StringComparison.Ordinal) && int.TryParse(key[2..], out var number) => number,
            _ when int.TryParse(key, out var number) => number,
            _ => 0,
        };
        try
        {
            return codePage > 0
                ? Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                : Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new FormatException($"--encoding '{name}' is not an encoding this machine knows (utf-8, cp949 for Korean Excel files, utf-16, latin1, or a code page number)");
        }
    }
}
