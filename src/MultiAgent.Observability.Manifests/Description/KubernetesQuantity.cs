using System.Globalization;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// The Kubernetes quantity grammar (apimachinery <c>resource/quantity.go</c>):
/// <c>&lt;signedNumber&gt;&lt;suffix&gt;</c> with binary suffixes <c>Ki Mi Gi Ti Pi Ei</c>, decimal suffixes
/// <c>m k M G T P E</c> (or none) and decimal exponents <c>e3</c>/<c>E3</c>. <c>512mb</c> and <c>1GB</c> are not
/// quantities; <c>512m</c> is 0.512 and <c>1G</c> is 10^9, not 2^30.
/// </summary>
internal static class KubernetesQuantity
{
    private const int MaxDecimalExponent = 18;
    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    private enum Format
    {
        DecimalSI,
        BinarySI,
        DecimalExponent,
    }

    /// <summary>Parses a quantity into its value in base units (cores, bytes).</summary>
    /// <param name="text">The quantity, such as <c>250m</c>, <c>1.5Gi</c> or <c>1e3</c>.</param>
    /// <param name="value">The value in base units: <c>250m</c> is 0.25, <c>1Ki</c> is 1024.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a quantity.</returns>
    public static bool TryParse(string text, out decimal value) => TryParse(text, out value, out _);

    /// <summary>
    /// Returns the canonical form Kubernetes stores and prints: <c>1.5Gi</c> is <c>1536Mi</c>, <c>0.5</c> is
    /// <c>500m</c>, <c>1000</c> is <c>1k</c>, <c>1.5Ki</c> is <c>1536</c>; values are rounded up to a thousandth.
    /// </summary>
    /// <param name="text">The quantity.</param>
    /// <returns>The canonical form of the same value.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a quantity.</exception>
    public static string Canonical(string text)
    {
        if (!TryParse(text, out var value, out var format))
        {
            throw NotAQuantity(text);
        }

        // Kubernetes keeps at most three decimal places, rounding away from zero.
        value = decimal.Round(value, 3, MidpointRounding.AwayFromZero) == value
            ? value
            : (value > 0 ? decimal.Ceiling(value * 1000) : decimal.Floor(value * 1000)) / 1000;
        if (value == 0)
        {
            return "0";
        }

        if (format == Format.BinarySI && (value <= -1024 || value >= 1024) && decimal.Truncate(value) == value)
        {
            var exponent = 0;
            while (exponent < BinarySuffixes.Length - 1 && value % 1024 == 0)
            {
                value /= 1024;
                exponent++;
            }

            return value.ToString("0", CultureInfo.InvariantCulture) + BinarySuffixes[exponent];
        }

        // Largest power of 1000 (from milli up) that leaves an integer mantissa.
        var mantissa = value * 1000;
        var power = -3;
        while (power < MaxDecimalExponent && mantissa % 1000 == 0)
        {
            mantissa /= 1000;
            power += 3;
        }

        var digits = mantissa.ToString("0", CultureInfo.InvariantCulture);
        if (format == Format.DecimalExponent)
        {
            return power == 0 ? digits : digits + "e" + power.ToString(CultureInfo.InvariantCulture);
        }

        return digits + power switch
        {
            -3 => "m",
            0 => "",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            _ => "E",
        };
    }

    /// <summary>Returns the value of a quantity in base units.</summary>
    /// <param name="text">The quantity.</param>
    /// <returns>The value: <c>250m</c> is 0.25, <c>1Ki</c> is 1024.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a quantity.</exception>
    public static decimal Value(string text) => TryParse(text, out var value) ? value : throw NotAQuantity(text);

    private static FormatException NotAQuantity(string text) => new($"'{text}' is not a Kubernetes quantity.");

    private static bool TryParse(string text, out decimal value, out Format format)
    {
        value = 0;
        format = Format.DecimalSI;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text.AsSpan();
        var i = 0;
        var negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            i++;
        }

        var numberStart = i;
        var digits = 0;
        var seenDot = false;
        for (; i < s.Length; i++)
        {
            if (char.IsAsciiDigit(s[i]))
            {
                digits++;
            }
            else if (s[i] == '.' && !seenDot)
            {
                seenDot = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (!decimal.TryParse(s[numberStart..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = s[i..];
        decimal multiplier;
        switch (suffix)
        {
            case "":
                multiplier = 1;
                break;
            case "m":
                multiplier = 0.001m;
                break;
            case "k":
                multiplier = 1e3m;
                break;
            case "M":
                multiplier = 1e6m;
                break;
            case "G":
                multiplier = 1e9m;
                break;
            case "T":
                multiplier = 1e12m;
                break;
            case "P":
                multiplier = 1e15m;
                break;
            case "E":
                multiplier = 1e18m;
                break;
            default:
                var binary = Array.IndexOf(BinarySuffixes, suffix.ToString());
                if (binary > 0)
                {
                    format = Format.BinarySI;
                    multiplier = 1;
                    for (var k = 0; k < binary; k++)
                    {
                        multiplier *= 1024;
                    }

                    break;
                }

                if (suffix[0] is 'e' or 'E' && TryParseExponent(suffix[1..], out var exponent))
                {
                    format = Format.DecimalExponent;
                    multiplier = 1;
                    for (var k = 0; k < Math.Abs(exponent); k++)
                    {
                        multiplier = exponent > 0 ? multiplier * 10 : multiplier / 10;
                    }

                    break;
                }

                return false;
        }

        try
        {
            value = number * multiplier;
        }
        catch (OverflowException)
        {
            return false;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    private static bool TryParseExponent(ReadOnlySpan<char> s, out int exponent)
    {
        exponent = 0;
        if (s.Length == 0 || s.Length > 3)
        {
            return false;
        }

        var start = s[0] is '+' or '-' ? 1 : 0;
        if (start == s.Length)
        {
            return false;
        }

        foreach (var c in s[start..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        exponent = int.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        // decimal holds about 28 significant digits; larger exponents are not useful quantities.
        return Math.Abs(exponent) <= 24;
    }
}
