using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// The series of the source by exposed metric name, grown incrementally as series appear, so a rule finds its
/// candidates without scanning every series. Counters are exposed as <c>x_total</c>, gauges as <c>x</c>, and a histogram
/// <c>x</c> as the counters Prometheus scrapes from it: <c>x_bucket</c> (one per bound, with <c>le</c>), <c>x_count</c>
/// and <c>x_sum</c>. Summaries are not indexed.
/// </summary>
internal sealed class SeriesIndex
{
    /// <summary>The bucket bound label of a histogram's <c>_bucket</c> series.</summary>
    public const string BucketLabel = "le";

    private static readonly List<int> None = [];
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.Ordinal);
    private readonly List<IndexedSeries> _entries = [];
    private int _seen;

    /// <summary>Indexes the series created since the last call.</summary>
    public void Update(IRuleSeriesSource source)
    {
        var count = source.SeriesCount;
        for (; _seen < count; _seen++)
        {
            var info = source.GetInfo(_seen);
            switch (info.Kind)
            {
                case MetricKind.Counter or MetricKind.Gauge:
                    Add(ExposedName(info.Name, info.Kind), new IndexedSeries(_seen, info, SeriesPart.Value, 0, info.Labels));
                    break;
                case MetricKind.Histogram:
                    var bounds = source.GetBuckets(_seen);
                    for (var b = 0; b <= bounds.Length; b++)
                    {
                        var le = b < bounds.Length ? GoFloatLabel(bounds[b]) : "+Inf";
                        Add(info.Name + "_bucket", new IndexedSeries(_seen, info, SeriesPart.Bucket, b, WithLabel(info.Labels, BucketLabel, le)));
                    }

                    Add(info.Name + "_count", new IndexedSeries(_seen, info, SeriesPart.Count, 0, info.Labels));
                    Add(info.Name + "_sum", new IndexedSeries(_seen, info, SeriesPart.Sum, 0, info.Labels));
                    break;
            }
        }
    }

    /// <summary>Gets the entries exposed under <paramref name="name"/> (ids for <see cref="Entry"/>), in creation order (the list only grows).</summary>
    public List<int> Get(string name) => _byName.TryGetValue(name, out var list) ? list : None;

    /// <summary>Gets an indexed series by id.</summary>
    public IndexedSeries Entry(int id) => _entries[id];

    /// <summary>The name a series is exposed (and selected) under: counters end in <c>_total</c>.</summary>
    public static string ExposedName(string name, MetricKind kind) =>
        kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;

    private void Add(string name, IndexedSeries entry)
    {
        if (!_byName.TryGetValue(name, out var list))
        {
            _byName[name] = list = [];
        }

        list.Add(_entries.Count);
        _entries.Add(entry);
    }

    // Prometheus 3 normalises le to Go's float format on scrape ("1.0" becomes "1"), so selectors use that spelling.
    private static string GoFloatLabel(double bound) => Templates.GoFloat.Format(bound);

    private static KeyValuePair<string, string>[] WithLabel(IReadOnlyList<KeyValuePair<string, string>> labels, string name, string value)
    {
        var result = new List<KeyValuePair<string, string>>(labels.Count + 1);
        var added = false;
        foreach (var label in labels)
        {
            if (!added && string.CompareOrdinal(label.Key, name) > 0)
            {
                result.Add(KeyValuePair.Create(name, value));
                added = true;
            }

            if (label.Key != name)
            {
                result.Add(label);
            }
        }

        if (!added)
        {
            result.Add(KeyValuePair.Create(name, value));
        }

        return [.. result];
    }
}

/// <summary>Which of a series' exposed values an index entry reads.</summary>
internal enum SeriesPart
{
    /// <summary>A counter's total or a gauge's value.</summary>
    Value,

    /// <summary>A histogram's cumulative count of one bucket (<c>_bucket{le=…}</c>).</summary>
    Bucket,

    /// <summary>A histogram's observation count (<c>_count</c>).</summary>
    Count,

    /// <summary>A histogram's sum of observations (<c>_sum</c>).</summary>
    Sum,
}

/// <summary>One selectable series: a pipeline series, or one counter exposed from a histogram.</summary>
internal sealed class IndexedSeries(int series, MetricSeriesInfo info, SeriesPart part, int bucket, IReadOnlyList<KeyValuePair<string, string>> labels)
{
    /// <summary>Gets the source series index.</summary>
    public int Series { get; } = series;

    public MetricSeriesInfo Info { get; } = info;

    public SeriesPart Part { get; } = part;

    /// <summary>Gets the bucket index of a <see cref="SeriesPart.Bucket"/> entry (the bound count for <c>+Inf</c>).</summary>
    public int Bucket { get; } = bucket;

    /// <summary>Gets the labels selectors see (a bucket's include <c>le</c>), sorted, without <c>agent_id</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; } = labels;

    /// <summary>Gets the kind the entry is read as: the parts of a histogram are counters.</summary>
    public MetricKind Kind => Part == SeriesPart.Value ? Info.Kind : MetricKind.Counter;
}
