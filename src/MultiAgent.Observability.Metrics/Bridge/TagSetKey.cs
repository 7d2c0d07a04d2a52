namespace MultiAgent.Observability.Metrics.Bridge;

/// <summary>
/// A measurement's tag set when every value is a string, in the order the instrument gave it: the key of the
/// per-instrument series cache. The same tags in another order make another key for the same series, which costs
/// one more cache entry, never a wrong series.
/// </summary>
internal sealed class TagSetKey
{
    public TagSetKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Tags = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            Tags[i] = new(tags[i].Key, (string)tags[i].Value!);
        }
    }

    public KeyValuePair<string, string>[] Tags { get; }

    /// <summary>Gets whether every tag value is a string, the only case the cache handles.</summary>
    public static bool IsCacheable(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Value is not string)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Compares tag-set keys with each other and, without allocating, with a measurement's tags.</summary>
internal sealed class TagSetKeyComparer : IEqualityComparer<TagSetKey>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, TagSetKey>
{
    public static TagSetKeyComparer Instance { get; } = new();

    public bool Equals(TagSetKey? x, TagSetKey? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Tags.Length != y.Tags.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Tags.Length; i++)
        {
            if (!string.Equals(x.Tags[i].Key, y.Tags[i].Key, StringComparison.Ordinal) ||
                !string.Equals(x.Tags[i].Value, y.Tags[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(TagSetKey obj)
    {
        var hash = default(HashCode);
        foreach (var (key, value) in obj.Tags)
        {
            hash.Add(key);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, TagSetKey other)
    {
        if (alternate.Length != other.Tags.Length)
        {
            return false;
        }

        for (var i = 0; i < alternate.Length; i++)
        {
            if (!string.Equals(alternate[i].Key, other.Tags[i].Key, StringComparison.Ordinal) ||
                !string.Equals(alternate[i].Value as string, other.Tags[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate)
    {
        var hash = default(HashCode);
        foreach (var (key, value) in alternate)
        {
            hash.Add(key);
            hash.Add(value as string);
        }

        return hash.ToHashCode();
    }

    public TagSetKey Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => new(alternate);
}
