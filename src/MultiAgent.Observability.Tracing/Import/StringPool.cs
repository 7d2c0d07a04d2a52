using System.Text;

namespace MultiAgent.Observability.Tracing.Import;

/// <summary>
/// One string instance per distinct short UTF-8 value (attribute keys, span names, service names), so a file with a
/// million spans holds each repeated text once. Looked up by the decoded characters without allocating; bounded in size.
/// </summary>
internal sealed class StringPool
{
    private const int MaxPooledBytes = 128;
    private const int MaxEntries = 16 * 1024;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Gets the string of <paramref name="utf8"/>, shared with earlier equal values when it is short.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxPooledBytes];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        if (_lookup.TryGetValue(chars[..count], out var pooled))
        {
            return pooled;
        }

        var value = new string(chars[..count]);
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(value);
        }

        return value;
    }
}
