namespace MultiAgent.Observability.Manifests;

/// <summary>
/// The Kubernetes name and value grammars (apimachinery <c>validation.go</c>). The generator validates names
/// with these and never mangles them silently.
/// </summary>
internal static class KubernetesNames
{
    /// <summary>The maximum length of a DNS-1123 or DNS-1035 label, a label value and a label key's name part.</summary>
    internal const int MaxLabelLength = 63;

    /// <summary>The maximum length of a DNS-1123 subdomain.</summary>
    internal const int MaxSubdomainLength = 253;

    /// <summary>The maximum length of a port name.</summary>
    internal const int MaxPortNameLength = 15;

    /// <summary>
    /// Returns whether <paramref name="s"/> is a DNS-1123 label: <c>[a-z0-9]([-a-z0-9]*[a-z0-9])?</c>, at most 63
    /// characters (namespaces, container names, and the names of most objects).
    /// </summary>
    /// <param name="s">The text to check.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsDns1123Label(string s) =>
        s is { Length: > 0 and <= MaxLabelLength }
        && IsLowerAlphanumeric(s[0])
        && IsLowerAlphanumeric(s[^1])
        && AllLowerAlphanumericOrHyphen(s);

    /// <summary>
    /// Returns whether <paramref name="s"/> is a DNS-1035 label: <c>[a-z]([-a-z0-9]*[a-z0-9])?</c>, at most 63
    /// characters (Service names).
    /// </summary>
    /// <param name="s">The text to check.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsDns1035Label(string s) => IsDns1123Label(s) && char.IsAsciiLetterLower(s[0]);

    /// <summary>
    /// Returns whether <paramref name="s"/> is a DNS-1123 subdomain: DNS-1123 labels joined by <c>.</c>, at most
    /// 253 characters.
    /// </summary>
    /// <param name="s">The text to check.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsDns1123Subdomain(string s)
    {
        if (s is not { Length: > 0 and <= MaxSubdomainLength })
        {
            return false;
        }

        foreach (var range in s.AsSpan().Split('.'))
        {
            var part = s[range];
            if (part.Length == 0 || !IsLowerAlphanumeric(part[0]) || !IsLowerAlphanumeric(part[^1]) || !AllLowerAlphanumericOrHyphen(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Returns whether <paramref name="s"/> is an IANA service name, the grammar of port names: at most 15
    /// characters of <c>[-a-z0-9]</c>, at least one letter, no leading, trailing or double hyphen.
    /// </summary>
    /// <param name="s">The text to check.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsIanaServiceName(string s) =>
        s is { Length: > 0 and <= MaxPortNameLength }
        && AllLowerAlphanumericOrHyphen(s)
        && s.AsSpan().ContainsAnyInRange('a', 'z')
        && s[0] != '-'
        && s[^1] != '-'
        && !s.Contains("--", StringComparison.Ordinal);

    /// <summary>
    /// Returns whether <paramref name="s"/> is a label value: empty, or at most 63 characters of
    /// <c>[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]</c>.
    /// </summary>
    /// <param name="s">The text to check.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsLabelValue(string s) => s is not null && (s.Length == 0 || IsQualifiedNamePart(s));

    /// <summary>
    /// Returns whether <paramref name="s"/> is a qualified name, the grammar of label and annotation keys: an
    /// optional DNS-1123 subdomain prefix and <c>/</c>, then a name of at most 63 characters of
    /// <c>[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]</c>.
    /// </summary>
    /// <param name="s">The text to check.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsQualifiedName(string s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return IsQualifiedNamePart(s);
        }

        return IsDns1123Subdomain(s[..slash]) && IsQualifiedNamePart(s[(slash + 1)..]);
    }

    private static bool IsQualifiedNamePart(string s)
    {
        if (s.Length is 0 or > MaxLabelLength || !char.IsAsciiLetterOrDigit(s[0]) || !char.IsAsciiLetterOrDigit(s[^1]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static bool AllLowerAlphanumericOrHyphen(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!IsLowerAlphanumeric(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
