using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>The lexical rules both text formats share: names, numbers and escapes.</summary>
internal static class ExpositionText
{
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private static readonly double[] Pow10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>The bytes a metric name may contain after its first.</summary>
    public static readonly SearchValues<byte> MetricNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:"u8);

    /// <summary>The bytes a label name may contain after its first.</summary>
    public static readonly SearchValues<byte> LabelNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"u8);

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

        if (TryParseSimpleDecimal(text, out value))
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

    /// <summary>
    /// A 64-bit hash of bytes in one pass, 16 bytes per step (a folded 64×64→128-bit multiply per step, as wyhash
    /// does), for duplicate checks within one payload and for byte-keyed lookups. Not for untrusted keys of a
    /// long-lived table an attacker can fill: the seed is fixed.
    /// </summary>
    public static ulong Hash64(ReadOnlySpan<byte> bytes)
    {
        const ulong K0 = 0xa0761d6478bd642f, K1 = 0xe7037ed1a0b428db, K2 = 0x8ebc6af09c88c6e3, K3 = 0x589965cc75374cc3;
        ref var start = ref MemoryMarshal.GetReference(bytes);
        var length = bytes.Length;
        var h = K0 ^ (ulong)length;
        var i = 0;
        for (; i + 16 <= length; i += 16)
        {
            h = Mum(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i)) ^ K1, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i + 8)) ^ h);
        }

        ulong a = 0, b = 0;
        var rest = length - i;
        if (rest >= 8)
        {
            a = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i));
            b = Tail(bytes.Slice(i + 8, rest - 8));
        }
        else
        {
            a = Tail(bytes.Slice(i, rest));
        }

        h = Mum(a ^ K2, b ^ h);
        return Mum(h ^ K3, (ulong)length ^ K1);
    }

    /// <summary>A 32-bit fold of <see cref="Hash64"/>, for hash tables.</summary>
    public static int Hash32(ReadOnlySpan<byte> bytes)
    {
        var h = Hash64(bytes);
        return (int)h ^ (int)(h >> 32);
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

    /// <summary>
    /// The common case, a plain decimal (optional sign, digits, optional fraction) of at most 15 significant digits,
    /// parsed without the general parser: the digits form an integer exact as a double and, divided by an exact power
    /// of ten (at most 10^22), give the correctly rounded value (Clinger's fast path).
    /// </summary>
    private static bool TryParseSimpleDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var negative = text[0] == (byte)'-';
        var start = negative || text[0] == (byte)'+' ? 1 : 0;
        var i = start;

        long mantissa = 0;
        var digits = 0;
        var fraction = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var digit = (uint)(c - '0');
            if (digit <= 9)
            {
                // Leading zeros are not significant and do not count towards the 15.
                if ((mantissa != 0 || digit != 0) && ++digits > 15)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + digit;
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (c == (byte)'.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return false;
            }
        }

        var digitCount = text.Length - start - (fraction >= 0 ? 1 : 0);
        if (digitCount == 0 || fraction > 22)
        {
            return false;
        }

        value = fraction > 0 ? mantissa / Pow10[fraction] : mantissa;
        value = negative ? -value : value;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mum(ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        return high ^ low;
    }

    /// <summary>Reads up to 8 bytes little-endian, zero-padded.</summary>
    private static ulong Tail(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
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
