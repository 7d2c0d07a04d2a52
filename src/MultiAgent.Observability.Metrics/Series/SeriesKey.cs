namespace MultiAgent.Observability.Metrics;

/// <summary>The identity of an interned series: agent, metric name and labels sorted by name.</summary>
internal sealed class SeriesKey
{
    public SeriesKey(string agentId, string name, KeyValuePair<string, string>[] sortedLabels)
    {
        AgentId = agentId;
        Name = name;
        Labels = sortedLabels;
        Hash = SeriesKeyComparer.ComputeHash(agentId, name, sortedLabels);
    }

    public string AgentId { get; }

    public string Name { get; }

    public KeyValuePair<string, string>[] Labels { get; }

    public int Hash { get; }
}

/// <summary>A series identity as the caller gives it: labels in any order, nothing copied.</summary>
internal readonly ref struct SeriesLookup(string agentId, string name, ReadOnlySpan<KeyValuePair<string, string>> labels)
{
    public string AgentId { get; } = agentId;

    public string Name { get; } = name;

    public ReadOnlySpan<KeyValuePair<string, string>> Labels { get; } = labels;
}

/// <summary>
/// Hashes labels order-independently (a sum of per-label hashes), so a lookup needs neither a sorted copy
/// nor an allocation; equality finds each given label in the stored sorted labels.
/// </summary>
internal sealed class SeriesKeyComparer : IEqualityComparer<SeriesKey>, IAlternateEqualityComparer<SeriesLookup, SeriesKey>
{
    public static SeriesKeyComparer Instance { get; } = new();

    public static int ComputeHash(string agentId, string name, ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        var labelHash = 0;
        foreach (var label in labels)
        {
            // A null name or value is refused after the lookup misses, with the metric and label named; hash it, do not throw here.
            labelHash += HashCode.Combine(Hash(label.Key), Hash(label.Value));
        }

        return HashCode.Combine(StringComparer.Ordinal.GetHashCode(agentId), StringComparer.Ordinal.GetHashCode(name), labelHash);
    }

    private static int Hash(string? value) => value is null ? 0 : StringComparer.Ordinal.GetHashCode(value);

    public bool Equals(SeriesKey? x, SeriesKey? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        return x is not null && y is not null && x.Hash == y.Hash && Equals(new SeriesLookup(x.AgentId, x.Name, x.Labels), y);
    }

    public int GetHashCode(SeriesKey obj) => obj.Hash;

    public bool Equals(SeriesLookup alternate, SeriesKey other)
    {
        if (alternate.Labels.Length != other.Labels.Length
            || !string.Equals(alternate.Name, other.Name, StringComparison.Ordinal)
            || !string.Equals(alternate.AgentId, other.AgentId, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var label in alternate.Labels)
        {
            var i = IndexOf(other.Labels, label.Key);
            if (i < 0 || !string.Equals(other.Labels[i].Value, label.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(SeriesLookup alternate) => ComputeHash(alternate.AgentId, alternate.Name, alternate.Labels);

    public SeriesKey Create(SeriesLookup alternate)
    {
        var labels = alternate.Labels.ToArray();
        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new SeriesKey(alternate.AgentId, alternate.Name, labels);
    }

    private static int IndexOf(KeyValuePair<string, string>[] sorted, string name)
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(sorted[mid].Key, name);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }
}
