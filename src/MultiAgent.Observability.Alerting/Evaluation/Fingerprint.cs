namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// An alert's identity: FNV-1a 64 over its labels sorted by name, each name and value followed by the byte
/// 0xFF, as prometheus/common's <c>LabelsToSignature</c> computes it, so our fingerprints equal Alertmanager's.
/// </summary>
internal static class Fingerprint
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>Computes the fingerprint of labels already sorted by name.</summary>
    public static ulong Of(IReadOnlyList<KeyValuePair<string, string>> sortedLabels)
    {
        var hash = Offset;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var (name, value) in sortedLabels)
        {
            hash = Add(hash, name, buffer);
            hash = (hash ^ 0xFF) * Prime;
            hash = Add(hash, value, buffer);
            hash = (hash ^ 0xFF) * Prime;
        }

        return hash;
    }

    /// <summary>Formats a fingerprint as Alertmanager does: 16 lower-case hex digits.</summary>
    public static string Format(ulong fingerprint) => fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static ulong Add(ulong hash, string text, Span<byte> buffer)
    {
        var bytes = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer : new byte[System.Text.Encoding.UTF8.GetByteCount(text)];
        var length = System.Text.Encoding.UTF8.GetBytes(text, bytes);
        foreach (var b in bytes[..length])
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
