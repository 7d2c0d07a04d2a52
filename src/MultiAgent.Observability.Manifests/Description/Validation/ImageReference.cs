using System.Buffers;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// The container image reference grammar (distribution/reference): a repository of lower-case path components with an
/// optional registry host first, a tag, and a <c>sha256:</c> digest. The description keeps them in separate fields.
/// </summary>
internal static class ImageReference
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>Returns whether the reference ends in a <c>:tag</c> (a colon after the last <c>/</c>, so a registry port is not a tag).</summary>
    public static bool HasTag(string image)
    {
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/');
    }

    /// <summary>Returns whether <paramref name="image"/> is a repository: an optional registry host, then <c>[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*</c> path components; at most 255 characters.</summary>
    public static bool IsRepository(string image)
    {
        var parts = image.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];

            // The first component may be a registry host, with dots, a port, or upper case.
            var isHost = i == 0 && parts.Length > 1 && (part.Contains('.', StringComparison.Ordinal) || part.Contains(':', StringComparison.Ordinal) || part == "localhost");
            if (isHost ? !IsRegistryHost(part) : !IsPathComponent(part))
            {
                return false;
            }
        }

        return image.Length <= 255;
    }

    private static bool IsRegistryHost(string host)
    {
        var colon = host.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? host : host[..colon];
        if (colon >= 0 && !(host.Length > colon + 1 && host[(colon + 1)..].All(char.IsAsciiDigit)))
        {
            return false;
        }

        return KubernetesNames.IsDns1123Subdomain(name.ToLowerInvariant());
    }

    private static bool IsPathComponent(string part)
    {
        // [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
        if (part.Length == 0 || !IsLowerAlnum(part[0]) || !IsLowerAlnum(part[^1]))
        {
            return false;
        }

        for (var i = 1; i < part.Length; i++)
        {
            var c = part[i];
            if (IsLowerAlnum(c) || c == '-')
            {
                continue;
            }

            if (c is '.' or '_' && (IsLowerAlnum(part[i - 1]) || (c == '_' && part[i - 1] == '_' && i >= 2 && IsLowerAlnum(part[i - 2]))))
            {
                continue;
            }

            return false;
        }

        return true;

        static bool IsLowerAlnum(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
    }

    /// <summary>Returns whether <paramref name="tag"/> is a tag: 1 to 128 of <c>[A-Za-z0-9_.-]</c>, not starting with <c>.</c> or <c>-</c>.</summary>
    public static bool IsTag(string tag) =>
        tag.Length is >= 1 and <= 128
        && (char.IsAsciiLetterOrDigit(tag[0]) || tag[0] == '_')
        && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    /// <summary>Returns whether <paramref name="digest"/> is <c>sha256:</c> and 64 lower-case hex digits.</summary>
    public static bool IsDigest(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal)
        && digest.Length == 7 + 64
        && digest.AsSpan(7).IndexOfAnyExcept(LowerHex) < 0;
}
