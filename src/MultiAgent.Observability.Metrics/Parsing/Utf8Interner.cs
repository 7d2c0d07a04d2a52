using System.Text;

namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>Maps UTF-8 bytes to strings (and other values) without allocating for keys seen before; bounded: cleared when full.</summary>
internal sealed class Utf8KeyedCache<TValue>
{
    private readonly Dictionary<byte[], TValue> _map = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], TValue>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly int _capacity;

    public Utf8KeyedCache(int capacity)
    {
        _capacity = capacity;
        _lookup = _map.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Count => _map.Count;

    public bool TryGetValue(ReadOnlySpan<byte> key, out TValue value) => _lookup.TryGetValue(key, out value!);

    /// <summary>Adds or replaces a value; returns false (and adds nothing) when the cache is full.</summary>
    public bool TryAdd(ReadOnlySpan<byte> key, TValue value)
    {
        if (_map.Count >= _capacity && !_lookup.ContainsKey(key))
        {
            return false;
        }

        _lookup[key] = value;
        return true;
    }

    public bool Remove(ReadOnlySpan<byte> key) => _lookup.Remove(key);

    public void Clear() => _map.Clear();

    public Dictionary<byte[], TValue>.Enumerator GetEnumerator() => _map.GetEnumerator();
}

/// <summary>Interns UTF-8 names as strings: one allocation per distinct name while the cache holds it.</summary>
internal sealed class Utf8Interner(int capacity)
{
    private readonly Utf8KeyedCache<string> _cache = new(capacity);

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (_cache.TryGetValue(utf8, out var text))
        {
            return text;
        }

        text = Encoding.UTF8.GetString(utf8);
        if (!_cache.TryAdd(utf8, text))
        {
            _cache.Clear();
            _cache.TryAdd(utf8, text);
        }

        return text;
    }
}

/// <summary>Compares byte-array keys by content, and looks them up by span.</summary>
internal sealed class Utf8KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly Utf8KeyComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => ExpositionText.Hash32(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
