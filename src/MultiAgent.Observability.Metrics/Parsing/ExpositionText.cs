using System.Globalization;
using System.Text;

namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>The lexical rules both text formats share: names, numbers and escapes.</summary>
internal static class ExpositionText
{
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public static bool IsMetricNameStart(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c is (byte)'_' or (byte)':';

    public static bool IsMetricNameChar(byte c) => IsMetricNameStart(c) || (uint)(c - '0') <= 9;

    public static bool IsLabelNameStart(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == (byte)'_';

    public static bool IsLabelNameChar(byte c) => IsLabelNameStart(c) || (uint)(c - '0') <= 9;

    /// <summary>Parses a Go <c>ParseFloat</c> number: decimal or exponent notation, <c>NaN</c>, <c>Inf</c>, <c>+Inf</c>, <c>-Inf</c>, <c>Infinity</c> in any case.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        if (text.IsEmpty)
        {
            value = 0;
            return false;
        }

        if (TryParseSmallInteger(text, out value))
        {
            return true;
        }

        var last = text[^1] | 0x20;
        if (last is 'n' or 'f' or 'y')
        {
            return TryParseSpecial(text, out value);
        }

        // .NET accepts forms Go rejects only in culture-specific spellings; with the invariant culture and these
        // styles the accepted set is Go's decimal syntax.
        return double.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A 64-bit hash of bytes (two independently seeded 32-bit hashes), for duplicate checks within one payload.</summary>
    public static ulong Hash64(ReadOnlySpan<byte> bytes)
    {
        var a = default(HashCode);
        a.AddBytes(bytes);
        var b = default(HashCode);
        b.Add(unchecked((int)0x9E3779B9));
        b.AddBytes(bytes);
        return ((ulong)(uint)a.ToHashCode() << 32) | (uint)b.ToHashCode();
    }

    public static bool TryParseInt64(ReadOnlySpan<byte> text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Resolves <c>\\</c>, <c>\n</c> and (when <paramref name="escapesQuote"/>) <c>\"</c>; any other backslash stays as written.</summary>
    public static string Unescape(ReadOnlySpan<byte> text, bool escapesQuote)
    {
        if (text.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(text);
        }

        var bytes = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                if (next is (byte)'\\' or (byte)'n' || (escapesQuote && next == (byte)'"'))
                {
                    bytes[n++] = next == (byte)'n' ? (byte)'\n' : next;
                    i++;
                    continue;
                }
            }

            bytes[n++] = c;
        }

        return Encoding.UTF8.GetString(bytes[..n]);
    }

    /// <summary>The common case, a plain integer of up to 15 digits, is exact as a double and parsed here without the general parser.</summary>
    private static bool TryParseSmallInteger(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        if (text.Length > 15)
        {
            return false;
        }

        long result = 0;
        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            result = (result * 10) + digit;
        }

        value = result;
        return true;
    }

    private static bool TryParseSpecial(ReadOnlySpan<byte> text, out double value)
    {
        var sign = 1.0;
        var body = text;
        if (body[0] is (byte)'+' or (byte)'-')
        {
            sign = body[0] == (byte)'-' ? -1 : 1;
            body = body[1..];
        }

        if (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8))
        {
            value = sign * double.PositiveInfinity;
            return true;
        }

        if (body.Length == text.Length && Ascii.EqualsIgnoreCase(body, "nan"u8))
        {
            value = double.NaN;
            return true;
        }

        value = 0;
        return false;
    }
}
