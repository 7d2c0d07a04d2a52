using System.Buffers;

namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// One consistent walk over a reader's families and series, writing one family group per call so the caller
/// can hand full chunks to a stream in between.
/// </summary>
internal sealed class ExpositionSnapshot
{
    private const string AgentIdLabel = "agent_id";
    private const string TotalSuffix = "_total";

    /// <summary>The suffixes a family's sample names add to its name; none is a suffix of another.</summary>
    private static readonly string[] SampleSuffixes = ["_total", "_created", "_bucket", "_sum", "_count"];

    private readonly IMetricReader _reader;
    private readonly IReadOnlyList<MetricSeriesInfo> _series;
    private readonly IReadOnlyList<MetricDescription> _families;
    private readonly List<Entry> _entries = [];
    private readonly HashSet<string> _claimedNames = new(StringComparer.Ordinal);
    private readonly bool _clashPossible;
    private int _nextFamily;
    private int _nextSeries;

    public ExpositionSnapshot(IMetricReader reader)
    {
        _reader = reader;

        // Series first: a series' family is created before the series, so every listed series has its family listed too.
        _series = reader.ListSeries();
        _families = reader.ListFamilies();
        _clashPossible = ClashPossible(_families);
    }

    public static void WriteEnd(ExpositionBuffer buffer, ExpositionFormat format)
    {
        if (format == ExpositionFormat.OpenMetrics100)
        {
            buffer.Write("# EOF\n"u8);
        }
    }

    /// <summary>Writes the next family that has at least one aggregated series.</summary>
    /// <returns>False when every family has been written.</returns>
    public bool WriteNext(ExpositionBuffer buffer, ExpositionFormat format)
    {
        while (_nextFamily < _families.Count)
        {
            var family = _families[_nextFamily++];
            Collect(family);
            if (_entries.Count > 0 && (!_clashPossible || ClaimNames(family)))
            {
                _entries.Sort(static (a, b) => CompareLabels(a, b));
                WriteFamily(buffer, family, format == ExpositionFormat.OpenMetrics100);
                return true;
            }
        }

        return false;
    }

    private static int CompareLabels(in Entry a, in Entry b)
    {
        var count = Math.Min(a.LabelCount, b.LabelCount);
        for (var i = 0; i < count; i++)
        {
            var (aName, aValue) = a.Label(i);
            var (bName, bValue) = b.Label(i);
            var c = string.CompareOrdinal(aName, bName);
            if (c == 0)
            {
                c = string.CompareOrdinal(aValue, bValue);
            }

            if (c != 0)
            {
                return c;
            }
        }

        return a.LabelCount.CompareTo(b.LabelCount);
    }

    private static void WriteHelpAndType(ExpositionBuffer buffer, MetricDescription family, ReadOnlySpan<char> name, bool openMetrics, bool counterTotal)
    {
        var suffix = counterTotal ? TotalSuffix : string.Empty;
        buffer.Write("# HELP "u8);
        WriteName(buffer, name, suffix);
        buffer.Write((byte)' ');
        if (family.Help is { } help)
        {
            buffer.WriteEscaped(help, escapeQuote: openMetrics);
        }
        else
        {
            // promtool lints a family without help; a generic text keeps undocumented metrics scrapable and lint-clean.
            buffer.Write("Agent metric "u8);
            buffer.WriteText(family.Name);
            buffer.Write((byte)'.');
        }

        buffer.Write("\n# TYPE "u8);
        WriteName(buffer, name, suffix);
        buffer.Write(family.Kind switch
        {
            MetricKind.Counter => " counter\n"u8,
            MetricKind.Gauge => " gauge\n"u8,
            MetricKind.Histogram => " histogram\n"u8,
            _ => " summary\n"u8,
        });
    }

    private static void WriteName(ExpositionBuffer buffer, ReadOnlySpan<char> name, string suffix)
    {
        buffer.WriteText(name);
        buffer.WriteText(suffix);
    }

    /// <summary>
    /// Gets whether two families could write the same sample name, without allocating: two names can only clash when
    /// they have the same root (the name with every sample suffix stripped from its end), so equal root hashes are
    /// looked for. A hash collision only costs the exact check of <see cref="ClaimNames"/>.
    /// </summary>
    private static bool ClashPossible(IReadOnlyList<MetricDescription> families)
    {
        var count = families.Count;
        var hashes = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        try
        {
            for (var i = 0; i < count; i++)
            {
                hashes[i] = string.GetHashCode(Root(families[i].Name), StringComparison.Ordinal);
            }

            var sorted = hashes.AsSpan(0, count);
            sorted.Sort();
            for (var i = 1; i < sorted.Length; i++)
            {
                if (sorted[i] == sorted[i - 1])
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(hashes);
        }
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

    /// <summary>
    /// Claims the sample names a family writes. A family whose names another family already wrote (counter <c>x</c>
    /// and gauge <c>x_total</c>, histogram <c>h</c> and gauge <c>h_count</c>) is left out: Prometheus fails the whole
    /// scrape on such a clash, so the family sorted first wins and the rest of the exposition stays valid.
    /// </summary>
    private bool ClaimNames(MetricDescription family)
    {
        var name = family.Name;
        string[] names = family.Kind switch
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
            if (_claimedNames.Contains(candidate))
            {
                return false;
            }
        }

        _claimedNames.UnionWith(names);
        return true;
    }

    /// <summary>Gets whether a series has a label the exposition adds itself (<c>le</c>, <c>quantile</c>), which would make its lines invalid.</summary>
    private static bool HasReservedLabel(MetricSeriesInfo info, MetricKind kind)
    {
        var reserved = kind switch
        {
            MetricKind.Histogram => "le",
            MetricKind.Summary => "quantile",
            _ => null,
        };
        if (reserved is null)
        {
            return false;
        }

        foreach (var (labelName, _) in info.Labels)
        {
            if (labelName == reserved)
            {
                return true;
            }
        }

        return false;
    }

    private void Collect(MetricDescription family)
    {
        _entries.Clear();
        while (_nextSeries < _series.Count && string.CompareOrdinal(_series[_nextSeries].Name, family.Name) < 0)
        {
            _nextSeries++;
        }

        for (; _nextSeries < _series.Count && _series[_nextSeries].Name == family.Name; _nextSeries++)
        {
            var info = _series[_nextSeries];
            if (HasReservedLabel(info, family.Kind))
            {
                continue;
            }

            var aggregate = _reader.GetAggregate(info.Series);
            var matches = family.Kind switch
            {
                MetricKind.Counter => aggregate is CounterAggregate,
                MetricKind.Gauge => aggregate is GaugeAggregate,
                MetricKind.Histogram => aggregate is HistogramAggregate,
                _ => aggregate is SummaryAggregate,
            };
            if (matches)
            {
                _entries.Add(new Entry(info, aggregate!));
            }
        }
    }

    private void WriteFamily(ExpositionBuffer buffer, MetricDescription family, bool openMetrics)
    {
        var name = family.Name.AsSpan();
        if (family.Kind == MetricKind.Counter)
        {
            // The sample is always <stem>_total; 0.0.4 types the sample name, OpenMetrics the family name without _total.
            if (name.Length > TotalSuffix.Length && name.EndsWith(TotalSuffix, StringComparison.Ordinal))
            {
                name = name[..^TotalSuffix.Length];
            }

            WriteHelpAndType(buffer, family, name, openMetrics, counterTotal: !openMetrics);
            foreach (var entry in _entries)
            {
                WriteSeries(buffer, name, TotalSuffix, entry);
                buffer.Write("} "u8);
                buffer.Write(((CounterAggregate)entry.Aggregate).Value, openMetrics);
                buffer.Write((byte)'\n');
            }

            return;
        }

        WriteHelpAndType(buffer, family, name, openMetrics, counterTotal: false);
        foreach (var entry in _entries)
        {
            switch (entry.Aggregate)
            {
                case GaugeAggregate gauge:
                    WriteSeries(buffer, name, string.Empty, entry);
                    buffer.Write("} "u8);
                    buffer.Write(gauge.Last, openMetrics);
                    buffer.Write((byte)'\n');
                    break;
                case HistogramAggregate histogram:
                    WriteHistogram(buffer, name, entry, histogram, openMetrics);
                    break;
                case SummaryAggregate summary:
                    WriteSummary(buffer, name, entry, summary, openMetrics);
                    break;
            }
        }
    }

    private static void WriteHistogram(ExpositionBuffer buffer, ReadOnlySpan<char> name, in Entry entry, HistogramAggregate histogram, bool openMetrics)
    {
        var bounds = histogram.UpperBounds;
        var counts = histogram.CumulativeCounts;
        var hasInf = false;
        for (var i = 0; i < bounds.Count; i++)
        {
            hasInf = double.IsPositiveInfinity(bounds[i]);

            // The +Inf bucket must equal _count; the aggregate guarantees it, this makes it hold even for a torn snapshot.
            WriteBucket(buffer, name, entry, bounds[i], hasInf ? histogram.Count : counts[i], openMetrics);
        }

        if (!hasInf)
        {
            WriteBucket(buffer, name, entry, double.PositiveInfinity, histogram.Count, openMetrics);
        }

        // OpenMetrics: with negative bucket bounds or a negative sum, the sum is no counter and MUST NOT be exposed,
        // and _count appears if and only if _sum does; the +Inf bucket still carries the count.
        if (!openMetrics || (histogram.Sum >= 0 && (bounds.Count == 0 || bounds[0] >= 0)))
        {
            WriteSumAndCount(buffer, name, entry, histogram.Sum, histogram.Count, openMetrics);
        }
    }

    private static void WriteBucket(ExpositionBuffer buffer, ReadOnlySpan<char> name, in Entry entry, double bound, long count, bool openMetrics)
    {
        WriteSeries(buffer, name, "_bucket", entry);
        buffer.Write(",le=\""u8);
        buffer.Write(bound, openMetrics);
        buffer.Write("\"} "u8);
        buffer.Write(count);
        buffer.Write((byte)'\n');
    }

    private static void WriteSummary(ExpositionBuffer buffer, ReadOnlySpan<char> name, in Entry entry, SummaryAggregate summary, bool openMetrics)
    {
        foreach (var (quantile, value) in summary.Quantiles)
        {
            WriteSeries(buffer, name, string.Empty, entry);
            buffer.Write(",quantile=\""u8);
            buffer.Write(quantile, openMetrics);
            buffer.Write("\"} "u8);
            buffer.Write(value, openMetrics);
            buffer.Write((byte)'\n');
        }

        WriteSumAndCount(buffer, name, entry, summary.Sum, summary.Count, openMetrics);
    }

    private static void WriteSumAndCount(ExpositionBuffer buffer, ReadOnlySpan<char> name, in Entry entry, double sum, long count, bool openMetrics)
    {
        WriteSeries(buffer, name, "_sum", entry);
        buffer.Write("} "u8);
        buffer.Write(sum, openMetrics);
        buffer.Write((byte)'\n');
        WriteSeries(buffer, name, "_count", entry);
        buffer.Write("} "u8);
        buffer.Write(count);
        buffer.Write((byte)'\n');
    }

    /// <summary>Writes <c>name{labels</c>, leaving the brace open for an <c>le</c> or <c>quantile</c> label.</summary>
    private static void WriteSeries(ExpositionBuffer buffer, ReadOnlySpan<char> name, string suffix, in Entry entry)
    {
        WriteName(buffer, name, suffix);
        buffer.Write((byte)'{');
        for (var i = 0; i < entry.LabelCount; i++)
        {
            if (i > 0)
            {
                buffer.Write((byte)',');
            }

            var (labelName, labelValue) = entry.Label(i);
            buffer.WriteText(labelName);
            buffer.Write("=\""u8);
            buffer.WriteEscaped(labelValue, escapeQuote: true);
            buffer.Write((byte)'"');
        }
    }

    /// <summary>A series to write, with <c>agent_id</c> merged into its sorted labels at <see cref="_agentAt"/>.</summary>
    private readonly struct Entry
    {
        private readonly int _agentAt;

        public Entry(MetricSeriesInfo info, MetricAggregate aggregate)
        {
            Info = info;
            Aggregate = aggregate;
            var labels = info.Labels;
            var at = 0;
            while (at < labels.Count && string.CompareOrdinal(labels[at].Key, AgentIdLabel) < 0)
            {
                at++;
            }

            _agentAt = at;
        }

        public MetricSeriesInfo Info { get; }

        public MetricAggregate Aggregate { get; }

        public int LabelCount => Info.Labels.Count + 1;

        public KeyValuePair<string, string> Label(int index) =>
            index == _agentAt ? new(AgentIdLabel, Info.AgentId) : Info.Labels[index < _agentAt ? index : index - 1];
    }
}
