using System.Globalization;

namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// Formats doubles as Prometheus' own Go clients do, so our output reads like theirs and compares with it:
/// <c>strconv.FormatFloat(f, 'g', -1, 64)</c> (shortest round-trip digits, exponent form below 1e-4 and from 1e+06)
/// and, for OpenMetrics, the same with <c>.0</c> appended when neither a point nor an exponent was written
/// (the canonical <c>1.0</c> of <c>le</c> and <c>quantile</c> values).
/// </summary>
internal static class GoFloatFormatter
{
    /// <summary>Enough for a sign, 17 digits, a point, zero padding up to 1e-4 and a three-digit exponent.</summary>
    public const int MaxLength = 32;

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes).</summary>
    /// <returns>The number of bytes written.</returns>
    public static int Format(double value, Span<byte> destination, bool openMetrics)
    {
        if (double.IsNaN(value))
        {
            return Copy("NaN"u8, destination);
        }

        if (double.IsPositiveInfinity(value))
        {
            return Copy("+Inf"u8, destination);
        }

        if (double.IsNegativeInfinity(value))
        {
            return Copy("-Inf"u8, destination);
        }

        if (value == 0)
        {
            return Copy(openMetrics ? "0.0"u8 : "0"u8, destination);
        }

        return TryFormatShortDecimal(value, destination, openMetrics, out var written)
            ? written
            : FormatShortest(value, destination, openMetrics);
    }

    /// <summary>The general path: .NET's shortest round-trip digits, laid out as Go lays them out.</summary>
    internal static int FormatShortest(double value, Span<byte> destination, bool openMetrics)
    {
        // .NET's "R" gives the shortest round-trip digits; only their layout differs from Go's.
        Span<byte> raw = stackalloc byte[MaxLength];
        value.TryFormat(raw, out var rawLength, "R", CultureInfo.InvariantCulture);
        raw = raw[..rawLength];

        Span<byte> digits = stackalloc byte[MaxLength];
        var count = 0;
        var pointAt = -1;
        var exponent = 0;
        var negative = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '-' && i == 0)
            {
                negative = true;
            }
            else if (c == '.')
            {
                pointAt = count;
            }
            else if (c is (byte)'E' or (byte)'e')
            {
                exponent = int.Parse(raw[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                digits[count++] = c;
            }
        }

        // value = 0.d1d2d3... * 10^decimalPoint, with no leading or trailing zero digits.
        var decimalPoint = (pointAt < 0 ? count : pointAt) + exponent;
        var start = 0;
        while (start < count && digits[start] == '0')
        {
            start++;
            decimalPoint--;
        }

        while (count > start && digits[count - 1] == '0')
        {
            count--;
        }

        digits = digits[start..count];
        var written = 0;
        if (negative)
        {
            destination[written++] = (byte)'-';
        }

        var exp = decimalPoint - 1;
        if (exp < -4 || exp >= 6)
        {
            destination[written++] = digits[0];
            if (digits.Length > 1)
            {
                destination[written++] = (byte)'.';
                digits[1..].CopyTo(destination[written..]);
                written += digits.Length - 1;
            }

            destination[written++] = (byte)'e';
            destination[written++] = exp < 0 ? (byte)'-' : (byte)'+';
            var magnitude = Math.Abs(exp);
            if (magnitude < 10)
            {
                destination[written++] = (byte)'0';
            }

            magnitude.TryFormat(destination[written..], out var expLength, default, CultureInfo.InvariantCulture);
            return written + expLength;
        }

        if (decimalPoint > 0)
        {
            var integerDigits = Math.Min(digits.Length, decimalPoint);
            digits[..integerDigits].CopyTo(destination[written..]);
            written += integerDigits;
            for (var i = integerDigits; i < decimalPoint; i++)
            {
                destination[written++] = (byte)'0';
            }
        }
        else
        {
            destination[written++] = (byte)'0';
        }

        if (digits.Length > decimalPoint)
        {
            destination[written++] = (byte)'.';
            for (var i = decimalPoint; i < 0; i++)
            {
                destination[written++] = (byte)'0';
            }

            var fraction = digits[Math.Max(decimalPoint, 0)..];
            fraction.CopyTo(destination[written..]);
            written += fraction.Length;
        }
        else if (openMetrics)
        {
            destination[written++] = (byte)'.';
            destination[written++] = (byte)'0';
        }

        return written;
    }

    /// <summary>
    /// The common case, about four times faster: a finite value from 1e-4 up to (not including) 1e6 that at most six
    /// decimals write exactly enough to read back (counts, <c>2.5</c>, <c>0.005</c>). The fewest decimals that
    /// read back give the shortest digits, which Go writes without an exponent in this range.
    /// </summary>
    private static bool TryFormatShortDecimal(double value, Span<byte> destination, bool openMetrics, out int written)
    {
        written = 0;
        var magnitude = Math.Abs(value);
        if (!(magnitude >= 1e-4 && magnitude < 1e6))
        {
            return false;
        }

        var scale = 1L;
        for (var decimals = 0; decimals <= 6; decimals++, scale *= 10)
        {
            // Below 1e12, the product's rounding error is far from moving the nearest integer; the division is exact
            // to the nearest double, so equality means the decimal digits read back as the value.
            var digits = Math.Round(magnitude * scale);
            if (digits / scale != magnitude)
            {
                continue;
            }

            var number = (long)digits;
            if (value < 0)
            {
                destination[written++] = (byte)'-';
            }

            (number / scale).TryFormat(destination[written..], out var integerLength, default, CultureInfo.InvariantCulture);
            written += integerLength;
            if (decimals == 0)
            {
                if (openMetrics)
                {
                    destination[written++] = (byte)'.';
                    destination[written++] = (byte)'0';
                }

                return true;
            }

            destination[written++] = (byte)'.';
            var fraction = number % scale;
            for (var i = written + decimals - 1; i >= written; i--)
            {
                destination[i] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            written += decimals;
            return true;
        }

        return false;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
