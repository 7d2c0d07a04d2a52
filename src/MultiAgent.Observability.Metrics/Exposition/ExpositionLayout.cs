using System.Runtime.CompilerServices;

namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// The order and the encoded text of a source's series: families sorted by name, each family's series sorted by their
/// written label sets (<c>agent_id</c> merged in), every family name and label set already UTF-8 and escaped. Series
/// never change, so a layout is built when new series appear and reused by every scrape until then; a scrape only
/// reads values and copies bytes.
/// </summary>
internal sealed class ExpositionLayout
{
    private static readonly ConditionalWeakTable<IExpositionSource, ExpositionLayout> Layouts = [];

    private readonly byte[] _text;

    private ExpositionLayout(int seriesCount, int generation, Family[] families, Series[] series, byte[] text, bool clashPossible)
    {
        SeriesCount = seriesCount;
        Generation = generation;
        Families = families;
        SeriesInOrder = series;
        _text = text;
        ClashPossible = clashPossible;
    }

    /// <summary>Gets how many of the source's series the layout covers (ids below it).</summary>
    public int SeriesCount { get; }

    /// <summary>Gets the source's <see cref="IExpositionSource.Generation"/> the layout was built at.</summary>
    public int Generation { get; }

    /// <summary>Gets the families with at least one series, sorted by name.</summary>
    public Family[] Families { get; }

    /// <summary>Gets the series, grouped by family in family order and sorted by label set within it.</summary>
    public Series[] SeriesInOrder { get; }

    /// <summary>Gets whether two families could write the same sample name (see <see cref="SampleNameClaims"/>).</summary>
    public bool ClashPossible { get; }

    /// <summary>Gets the source's current layout, reusing the last one built while no series was added.</summary>
    public static ExpositionLayout For(IExpositionSource source)
    {
        // The generation first: a series retired after the count was read only makes the next scrape rebuild.
        var generation = source.Generation;
        var count = source.SeriesCount;
        if (Layouts.TryGetValue(source, out var layout) && layout.SeriesCount == count && layout.Generation == generation)
        {
            return layout;
        }

        layout = Build(source, count, generation);
        Layouts.AddOrUpdate(source, layout);
        return layout;
    }

    /// <summary>Builds the layout of the first <paramref name="count"/> series of a source.</summary>
    public static ExpositionLayout Build(IExpositionSource source, int count) => Build(source, count, source.Generation);

    private static ExpositionLayout Build(IExpositionSource source, int count, int generation)
    {
        var families = new Dictionary<string, MetricDescription?>(StringComparer.Ordinal);
        var items = new List<SortItem>(count);
        for (var id = 0; id < count; id++)
        {
            var info = source.GetSeriesInfo(id);
            if (!families.TryGetValue(info.Name, out var family))
            {
                family = source.GetFamily(id);
                families[info.Name] = family;
            }

            // The pipeline refuses both at the door; a series that slipped through would make its lines invalid.
            if (family is not null && family.Kind == info.Kind && !HasReservedLabel(info))
            {
                items.Add(new SortItem(id, info));
            }
        }

        items.Sort(static (a, b) => Compare(a, b));

        using var text = new ExpositionBuffer(Math.Max(4096, count * 64));
        var layoutFamilies = new List<Family>();
        var series = new Series[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (i == 0 || !string.Equals(items[i - 1].Info.Name, item.Info.Name, StringComparison.Ordinal))
            {
                var nameStart = text.Length;
                text.WriteText(item.Info.Name);
                layoutFamilies.Add(new Family(item.Info.Name, item.Info.Kind, nameStart, text.Length - nameStart, i));
            }

            var labelsStart = text.Length;
            for (var label = 0; label < item.LabelCount; label++)
            {
                if (label > 0)
                {
                    text.Write((byte)',');
                }

                var (labelName, labelValue) = item.Label(label);
                text.WriteText(labelName);
                text.Write("=\""u8);
                text.WriteEscaped(labelValue, escapeQuote: true);
                text.Write((byte)'"');
            }

            series[i] = new Series(item.Id, labelsStart, text.Length - labelsStart);
        }

        var names = new string[layoutFamilies.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = layoutFamilies[i].Name;
            layoutFamilies[i] = layoutFamilies[i] with { SeriesEnd = i + 1 < names.Length ? layoutFamilies[i + 1].FirstSeries : series.Length };
        }

        return new ExpositionLayout(count, generation, [.. layoutFamilies], series, text.Written.ToArray(), SampleNameClaims.ClashPossible(names));
    }

    /// <summary>Gets a family's name, UTF-8.</summary>
    public ReadOnlySpan<byte> NameOf(in Family family) => _text.AsSpan(family.NameStart, family.NameLength);

    /// <summary>Gets a series' label set, UTF-8 and escaped, without braces: <c>a="1",agent_id="x"</c>.</summary>
    public ReadOnlySpan<byte> LabelsOf(in Series series) => _text.AsSpan(series.LabelsStart, series.LabelsLength);

    /// <summary>Gets whether a series has a label the exposition adds itself (<c>le</c>, <c>quantile</c>).</summary>
    private static bool HasReservedLabel(MetricSeriesInfo info)
    {
        var reserved = info.Kind switch
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

    private static int Compare(in SortItem a, in SortItem b)
    {
        var c = string.CompareOrdinal(a.Info.Name, b.Info.Name);
        if (c != 0)
        {
            return c;
        }

        var count = Math.Min(a.LabelCount, b.LabelCount);
        for (var i = 0; i < count; i++)
        {
            var (aName, aValue) = a.Label(i);
            var (bName, bValue) = b.Label(i);
            c = string.CompareOrdinal(aName, bName);
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

    /// <summary>A family: its name's place in the text and its series' range in <see cref="SeriesInOrder"/>.</summary>
    internal readonly record struct Family(string Name, MetricKind Kind, int NameStart, int NameLength, int FirstSeries)
    {
        public int SeriesEnd { get; init; }
    }

    /// <summary>A series: its id in the source and its label set's place in the text.</summary>
    internal readonly record struct Series(int Id, int LabelsStart, int LabelsLength);

    /// <summary>A series to sort, with the agent id merged into its sorted labels at <see cref="_agentAt"/>.</summary>
    private readonly struct SortItem
    {
        private readonly int _agentAt;

        public SortItem(int id, MetricSeriesInfo info)
        {
            Id = id;
            Info = info;
            var labels = info.Labels;
            var at = 0;
            while (at < labels.Count && string.CompareOrdinal(labels[at].Key, MonitoringLabels.AgentId) < 0)
            {
                at++;
            }

            _agentAt = at;
        }

        public int Id { get; }

        public MetricSeriesInfo Info { get; }

        public int LabelCount => Info.Labels.Count + 1;

        public KeyValuePair<string, string> Label(int index) =>
            index == _agentAt ? new(MonitoringLabels.AgentId, Info.AgentId) : Info.Labels[index < _agentAt ? index : index - 1];
    }
}
