using System.Globalization;
using System.Text;

namespace MultiAgent.Observability.Manifests;

/// <summary>The "did you mean" half of a problem message: close keys, valid names, valid quantities.</summary>
internal static class Suggestions
{
    /// <summary>Returns the candidate closest to <paramref name="text"/> when it is close enough to be a likely typo.</summary>
    /// <remarks>
    /// Case and '-' against '_' do not count. A problem can name any of thousands of agent ids, so this allocates
    /// nothing per candidate and skips the candidates whose length alone puts them too far or no closer than the best.
    /// </remarks>
    public static string? Closest(string text, IEnumerable<string> candidates)
    {
        // A third of the length (at least 2) separates typos and case/separator slips from different words.
        var limit = Math.Max(2, text.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // The edit distance is at least the difference in length.
            var gap = Math.Abs(candidate.Length - text.Length);
            if (gap > limit || gap >= bestDistance)
            {
                continue;
            }

            var distance = Distance(text, candidate, Math.Min(limit, bestDistance - 1));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= limit ? best : null;
    }

    /// <summary>Returns <c>; did you mean 'x'?</c>, or an empty string when there is no suggestion.</summary>
    public static string DidYouMean(string? suggestion) => suggestion is null ? "" : $"; did you mean '{suggestion}'?";

    /// <summary>
    /// Makes a DNS label out of <paramref name="text"/> the way a user would by hand: lower case, every other
    /// character a hyphen, hyphens collapsed and trimmed, cut to <paramref name="maxLength"/>; null when nothing is left.
    /// </summary>
    public static string? DnsLabel(string text, bool mustStartWithLetter, int maxLength = KubernetesNames.MaxLabelLength)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var mapped = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-';
            if (mapped == '-' && (builder.Length == 0 || builder[^1] == '-'))
            {
                continue;
            }

            builder.Append(mapped);
        }

        var result = builder.ToString().Trim('-');
        if (mustStartWithLetter)
        {
            result = result.TrimStart("0123456789-".ToCharArray());
        }

        if (result.Length > maxLength)
        {
            result = result[..maxLength].TrimEnd('-');
        }

        return result.Length == 0 ? null : result;
    }

    /// <summary>Suggests a quantity for common mistakes such as <c>512mb</c>, <c>1GB</c>, <c>2 cores</c> or memory in <c>m</c>.</summary>
    public static string? Quantity(string text, bool memory)
    {
        var s = text.Trim().Replace(" ", "", StringComparison.Ordinal);
        var end = 0;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] == '.'))
        {
            end++;
        }

        if (end == 0)
        {
            return null;
        }

        var number = s[..end];
        var unit = s[end..].ToLowerInvariant();
        if (memory)
        {
            var binary = unit switch
            {
                "k" or "kb" or "ki" or "kib" => "Ki",
                "m" or "mb" or "mi" or "mib" => "Mi",
                "g" or "gb" or "gi" or "gib" => "Gi",
                "t" or "tb" or "ti" or "tib" => "Ti",
                "b" or "bytes" => "",
                _ => null,
            };
            var candidate = binary is null ? null : number + binary;
            return candidate is not null && candidate != text && KubernetesQuantity.TryParse(candidate, out _) ? candidate : null;
        }

        var cpu = unit switch
        {
            "" or "core" or "cores" or "cpu" or "cpus" or "vcpu" or "vcpus" => number,
            "m" or "mc" or "millicores" or "millicore" or "millicpu" => number + "m",
            _ => null,
        };
        return cpu is not null && cpu != text && KubernetesQuantity.TryParse(cpu, out _) ? cpu : null;
    }

    /// <summary>Formats an integer for a message.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The Levenshtein distance of the two texts, folding case and '-' to '_'; more than <paramref name="max"/> once it must exceed it.</summary>
    private static int Distance(string a, string b, int max)
    {
        Span<int> rows = b.Length <= 128 ? stackalloc int[2 * (b.Length + 1)] : new int[2 * (b.Length + 1)];
        var previous = rows[..(b.Length + 1)];
        var current = rows[(b.Length + 1)..];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            var ca = Fold(a[i - 1]);
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = ca == Fold(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            // No cell of a later row is below this row's smallest, so the distance is already past max.
            if (rowMinimum > max)
            {
                return max + 1;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }

    private static char Fold(char c) => c == '-' ? '_' : char.ToLowerInvariant(c);
}
