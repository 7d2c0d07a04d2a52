namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// The name-clash policy: a family whose sample names another family already wrote (counter <c>x</c> and gauge
/// <c>x_total</c>, histogram <c>h</c> and gauge <c>h_count</c>, counter <c>y</c> and gauge <c>y_created</c>) is left
/// out, because Prometheus fails the whole scrape on such a clash; the family written first wins and the rest of the
/// exposition stays valid. The pipeline refuses such names when they are created, so this is the last line of defence.
/// </summary>
internal sealed class SampleNameClaims
{
    private const string TotalSuffix = "_total";

    /// <summary>The suffixes a family's sample names add to its name; none is a suffix of another.</summary>
    private static readonly string[] SampleSuffixes = [TotalSuffix, "_created", "_bucket", "_sum", "_count"];

    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets whether two of the names could write the same sample name. Two names can only clash when they have the
    /// same root (the name with every sample suffix stripped from its end), so equal roots are looked for.
    /// </summary>
    public static bool ClashPossible(IEnumerable<string> familyNames)
    {
        var roots = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in familyNames)
        {
            if (!roots.Add(Root(name).ToString()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Claims the sample names a family writes; false (and nothing claimed) when one is taken already.</summary>
    public bool TryClaim(string name, MetricKind kind)
    {
        string[] names = kind switch
        {
            MetricKind.Counter when name.Length > TotalSuffix.Length && name.EndsWith(TotalSuffix, StringComparison.Ordinal) =>
                [name[..^TotalSuffix.Length], name, name[..^TotalSuffix.Length] + "_created"],
            MetricKind.Counter => [name, name + TotalSuffix, name + "_created"],
            MetricKind.Gauge => [name],
            MetricKind.Histogram => [name, name + "_bucket", name + "_sum", name + "_count", name + "_created"],
            _ => [name, name + "_sum", name + "_count", name + "_created"],
        };
        foreach (var candidate in names)
        {
            if (_claimed.Contains(candidate))
            {
                return false;
            }
        }

        _claimed.UnionWith(names);
        return true;
    }

    private static ReadOnlySpan<char> Root(ReadOnlySpan<char> name)
    {
        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var suffix in SampleSuffixes)
            {
                if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    name = name[..^suffix.Length];
                    stripped = true;
                    break;
                }
            }
        }

        return name;
    }
}
