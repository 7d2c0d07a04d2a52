using System.Buffers;

namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// The one negotiation of a scrape's <c>Accept</c> header (RFC 9110 §12.5.1): each format takes the q value of the most
/// specific media range that matches it, q=0 refuses it, and OpenMetrics 1.0.0 wins over text 0.0.4 when its q is
/// higher, or equal and it was named (<c>*/*</c> alone is the text format, as in Prometheus' client libraries).
/// A missing, empty or unparsable header is the text format; a parsable header that accepts neither is refused.
/// </summary>
internal static class ContentNegotiation
{
    // RFC 9110 §5.6.2 tchar.
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Negotiates the format; false when the header is parsable and accepts none of the formats.</summary>
    public static bool TryNegotiate(ReadOnlySpan<char> header, out ExpositionFormat format)
    {
        format = ExpositionFormat.PrometheusText004;
        var text = Preference.None;
        var openMetrics = Preference.None;
        var ranges = 0;
        var rest = header;
        while (!rest.IsEmpty)
        {
            if (!TryReadRange(ref rest, out var range, out var empty))
            {
                return true;
            }

            if (empty)
            {
                continue;
            }

            ranges++;
            text = text.Consider(range, "text", "plain", "0.0.4");
            openMetrics = openMetrics.Consider(range, "application", "openmetrics-text", "1.0.0");
        }

        if (ranges == 0)
        {
            return true;
        }

        if (openMetrics.Quality > 0 && (openMetrics.Quality > text.Quality || (openMetrics.Quality == text.Quality && openMetrics.Named)))
        {
            format = ExpositionFormat.OpenMetrics100;
            return true;
        }

        return text.Quality > 0;
    }

    /// <summary>Reads one list element up to its comma: <c>type/subtype *( OWS ";" OWS name=value )</c>; false when it is malformed.</summary>
    private static bool TryReadRange(ref ReadOnlySpan<char> rest, out MediaRange range, out bool empty)
    {
        range = default;
        rest = rest.TrimStart(" \t");
        empty = rest.IsEmpty || rest[0] == ',';
        if (empty)
        {
            rest = rest.IsEmpty ? rest : rest[1..];
            return true;
        }

        if (!TryReadToken(ref rest, out var type) || rest.IsEmpty || rest[0] != '/')
        {
            return false;
        }

        rest = rest[1..];
        if (!TryReadToken(ref rest, out var subtype) || (type is "*" && subtype is not "*"))
        {
            return false;
        }

        range = new MediaRange(type, subtype);
        while (true)
        {
            rest = rest.TrimStart(" \t");
            if (rest.IsEmpty || rest[0] == ',')
            {
                rest = rest.IsEmpty ? rest : rest[1..];
                return true;
            }

            if (rest[0] != ';')
            {
                return false;
            }

            rest = rest[1..].TrimStart(" \t");
            if (!TryReadToken(ref rest, out var name) || rest.IsEmpty || rest[0] != '=')
            {
                return false;
            }

            rest = rest[1..];
            if (!TryReadValue(ref rest, out var value))
            {
                return false;
            }

            if (name.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                if (!TryParseQuality(value, out range.Quality))
                {
                    return false;
                }
            }
            else if (name.Equals("version", StringComparison.OrdinalIgnoreCase))
            {
                range.Version = value;
                range.HasVersion = true;
            }
        }
    }

    private static bool TryReadToken(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> token)
    {
        var end = rest.IndexOfAnyExcept(TokenChars);
        end = end < 0 ? rest.Length : end;
        token = rest[..end];
        rest = rest[end..];
        return end > 0;
    }

    /// <summary>Reads a token or a quoted string (returned without its quotes; a version never holds an escape).</summary>
    private static bool TryReadValue(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> value)
    {
        if (rest.IsEmpty || rest[0] != '"')
        {
            return TryReadToken(ref rest, out value);
        }

        var i = 1;
        while (i < rest.Length && rest[i] != '"')
        {
            i += rest[i] == '\\' ? 2 : 1;
        }

        if (i >= rest.Length)
        {
            value = default;
            return false;
        }

        value = rest[1..i];
        rest = rest[(i + 1)..];
        return true;
    }

    /// <summary>Parses an RFC 9110 qvalue (<c>0</c> to <c>1</c>, at most three decimals) into thousandths.</summary>
    private static bool TryParseQuality(ReadOnlySpan<char> value, out int thousandths)
    {
        thousandths = 0;
        if (value.IsEmpty || value[0] is not ('0' or '1') || (value.Length > 1 && (value[1] != '.' || value.Length > 5)))
        {
            return false;
        }

        var scale = 1000;
        thousandths = (value[0] - '0') * scale;
        for (var i = 2; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }

            scale /= 10;
            thousandths += (value[i] - '0') * scale;
        }

        return thousandths <= 1000;
    }

    private ref struct MediaRange(ReadOnlySpan<char> type, ReadOnlySpan<char> subtype)
    {
        public readonly ReadOnlySpan<char> Type = type;
        public readonly ReadOnlySpan<char> Subtype = subtype;
        public ReadOnlySpan<char> Version;
        public bool HasVersion;
        public int Quality = 1000;
    }

    /// <summary>The q value (thousandths) of the most specific range that matched a format so far.</summary>
    private readonly struct Preference(int specificity, int quality)
    {
        public static Preference None => new(-1, 0);

        public int Quality { get; } = quality;

        /// <summary>Gets whether the format's own media type matched (not a wildcard).</summary>
        public bool Named => specificity >= 2;

        public Preference Consider(MediaRange range, string type, string subtype, string version)
        {
            int rangeSpecificity;
            if (range.Type is "*")
            {
                rangeSpecificity = 0;
            }
            else if (!range.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
            {
                return this;
            }
            else if (range.Subtype is "*")
            {
                rangeSpecificity = 1;
            }
            else if (!range.Subtype.Equals(subtype, StringComparison.OrdinalIgnoreCase))
            {
                return this;
            }
            else if (!range.HasVersion)
            {
                rangeSpecificity = 2;
            }
            else if (range.Version.SequenceEqual(version))
            {
                rangeSpecificity = 3;
            }
            else
            {
                return this;
            }

            return rangeSpecificity > specificity ? new Preference(rangeSpecificity, range.Quality)
                : rangeSpecificity == specificity ? new Preference(specificity, Math.Max(Quality, range.Quality))
                : this;
        }
    }
}
