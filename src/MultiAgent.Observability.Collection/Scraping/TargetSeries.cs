using System.Text;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Collection;

/// <summary>
/// One target's scraped series. Maps each sample to a pipeline series through a cache keyed by the sample's raw bytes
/// (no allocation for a series seen before; JSON metrics by their name, type and labels), stages the values, and on
/// commit records them: counters, gauges and untyped values one by one, histograms and summaries as whole cumulative
/// snapshots (<see cref="SnapshotGroup"/>). A series the target stops serving gets the stale marker (gauges) and is
/// retired from the pipeline once it has been missing for the retire period. Used by one scrape at a time.
/// </summary>
internal sealed class TargetSeries : IExpositionSink
{
    /// <summary>Prometheus' staleness marker: a NaN with this exact bit pattern.</summary>
    public static readonly double StaleNaN = BitConverter.Int64BitsToDouble(0x7ff0000000000002);

    private const string AgentLabel = MonitoringLabels.AgentId;
    private const string ExportedAgentLabel = MonitoringLabels.ExportedAgentId;

    // JSON keys start with a byte no text identity starts with (a metric name never starts with a control byte).
    private const byte JsonKeyMarker = 1;

    private readonly IMetricRecorder _recorder;
    private readonly IMetricSnapshotRecorder _snapshots;
    private readonly string _agentId;
    private readonly TimeSpan _retireAfter;
    private readonly Utf8KeyedCache<ScrapedEntry> _cache;
    private readonly Dictionary<string, SnapshotGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<(MetricSeries Series, double Value)> _staged = [];
    private readonly List<SnapshotGroup> _touched = [];
    private byte[] _jsonKey = new byte[256];
    private int _scrape;
    private int _maxSamples;
    private int _maxLabelLength;
    private DateTimeOffset _now;

    public TargetSeries(IMetricRecorder recorder, IMetricSnapshotRecorder snapshots, string agentId, int capacity, TimeSpan retireAfter)
    {
        _recorder = recorder;
        _snapshots = snapshots;
        _agentId = agentId;
        _retireAfter = retireAfter;
        _cache = new Utf8KeyedCache<ScrapedEntry>(capacity);
    }

    public int Samples { get; private set; }

    public int Refused { get; private set; }

    public string? FirstRefusal { get; private set; }

    public int CachedSeries => _cache.Count;

    /// <summary>Gets how many series this target retired from the pipeline.</summary>
    public long Retired { get; private set; }

    public void Begin(int maxSamples, int maxLabelLength, DateTimeOffset now)
    {
        _scrape++;
        _maxSamples = maxSamples;
        _maxLabelLength = maxLabelLength;
        _now = now;
        _staged.Clear();
        _touched.Clear();
        Samples = 0;
        Refused = 0;
        FirstRefusal = null;
    }

    public void OnFamily(in ExpositionFamily family)
    {
    }

    public void OnSample(in ExpositionSample sample)
    {
        if (sample.Role == ExpositionSampleRole.Created)
        {
            return;
        }

        CountSample();
        if (!_cache.TryGetValue(sample.Identity, out var entry) || entry.Group is { Retired: true })
        {
            // NewEntry counts its own refusals.
            entry = NewEntry(sample);
            if (entry is null)
            {
                return;
            }

            if (!_cache.TryAdd(sample.Identity, entry))
            {
                Refuse($"the series cache of the target is full ({_cache.Count} series)");
                return;
            }
        }

        Stage(entry, sample.Value);
    }

    /// <summary>Stages one sample of the JSON format; a metric seen before costs a lookup by its name, type and labels.</summary>
    public void OnJsonMetric(JsonMetric metric, int index)
    {
        CountSample();
        if (metric.Name is null || metric.Value is not { } value)
        {
            Refuse($"metrics[{index}] has no name or no value");
            return;
        }

        var key = JsonKey(metric);
        if (!_cache.TryGetValue(key, out var entry))
        {
            if (JsonKind(metric.Type) is not { } kind)
            {
                Refuse($"metrics[{index}] '{metric.Name}' has the unknown type '{metric.Type}'");
                return;
            }

            var labels = new KeyValuePair<string, string>[metric.Labels?.Count ?? 0];
            var i = 0;
            foreach (var (name, labelValue) in metric.Labels ?? [])
            {
                labels[i++] = new(name == AgentLabel ? ExportedAgentLabel : name, labelValue ?? string.Empty);
            }

            entry = new ScrapedEntry { Series = GetSeries(metric.Name, kind, labels, $"metrics[{index}]") };
            if (!_cache.TryAdd(key, entry))
            {
                Refuse($"the series cache of the target is full ({_cache.Count} series)");
                return;
            }
        }

        Stage(entry, value);
    }

    /// <summary>Records the staged values and snapshots, then marks series the target did not serve stale and retires those missing for the retire period.</summary>
    public void Commit()
    {
        foreach (var (series, value) in _staged)
        {
            _recorder.Record(series, value);
        }

        _staged.Clear();
        foreach (var group in _touched)
        {
            group.LastSeen = _now;
            if (group.Commit(_scrape, _recorder, _snapshots, _agentId) is { } refusal)
            {
                Refuse(refusal);
            }
        }

        _touched.Clear();
        Sweep();
    }

    /// <summary>Drops what a failed scrape staged; its series count as not served (stale at once, retired after the period), as Prometheus does.</summary>
    public void Abort()
    {
        _staged.Clear();
        _touched.Clear();

        // Nothing of this scrape counts as served: what it staged looks like the previous scrape's to the sweep.
        _scrape++;
        Sweep();
    }

    /// <summary>Retires every series of the target at once (the agent was unregistered).</summary>
    public void RetireAll()
    {
        foreach (var (_, entry) in _cache)
        {
            RetireSeries(entry.Series);
        }

        foreach (var group in _groups.Values)
        {
            RetireGroup(group);
        }

        _cache.Clear();
        _groups.Clear();
    }

    private void Stage(ScrapedEntry entry, double value)
    {
        entry.LastScrape = _scrape;
        if (entry.Group is { } group)
        {
            entry.Value = value;
            if (group.LastScrape != _scrape)
            {
                group.LastScrape = _scrape;
                _touched.Add(group);
            }
        }
        else if (entry.Series.IsValid)
        {
            _staged.Add((entry.Series, value));
        }
    }

    /// <summary>Marks what this scrape did not serve stale, once, and retires what has been missing for the retire period.</summary>
    private void Sweep()
    {
        foreach (var (key, entry) in _cache)
        {
            if (entry.LastScrape == _scrape)
            {
                entry.LastSeen = _now;
                entry.MarkedStale = false;
                continue;
            }

            if (!entry.MarkedStale)
            {
                entry.MarkedStale = true;

                // Only gauges take NaN; histograms and summaries are retired whole, below.
                if (entry.Series.IsValid && entry.Series.Kind == MetricKind.Gauge)
                {
                    _recorder.Record(entry.Series, StaleNaN);
                }
            }

            if (_now - entry.LastSeen >= _retireAfter)
            {
                RetireSeries(entry.Series);
                entry.Group?.Parts.Remove(entry);
                _cache.Remove(key);
            }
        }

        foreach (var (key, group) in _groups)
        {
            if (group.LastScrape != _scrape && _now - group.LastSeen >= _retireAfter)
            {
                RetireGroup(group);
                _groups.Remove(key);
            }
        }
    }

    private void RetireSeries(MetricSeries series)
    {
        if (series.IsValid && _snapshots.Retire(series))
        {
            Retired++;
        }
    }

    private void RetireGroup(SnapshotGroup group)
    {
        group.Retired = true;
        RetireSeries(group.Series);
    }

    private void CountSample()
    {
        if (++Samples > _maxSamples)
        {
            throw new ScrapeException(ScrapeOutcome.SampleLimitExceeded, $"the scrape has more than {_maxSamples} samples (AgentCollectionOptions.MaxSamplesPerScrape)");
        }
    }

    /// <summary>Resolves a sample seen for the first time: a part of a histogram or summary, or a series of its own; null when refused.</summary>
    private ScrapedEntry? NewEntry(in ExpositionSample sample)
    {
        var where = $"line {sample.LineNumber}";
        var labels = new KeyValuePair<string, string>[sample.LabelCount];
        for (var i = 0; i < labels.Length; i++)
        {
            var name = sample.GetLabelNameString(i);
            labels[i] = new(name == AgentLabel ? ExportedAgentLabel : name, sample.GetLabelValue(i));
            if (labels[i].Value.Length > _maxLabelLength)
            {
                Refuse($"{where}: label '{name}' of '{sample.GetName()}' is {labels[i].Value.Length} characters long; at most {_maxLabelLength} are allowed (AgentCollectionOptions.MaxLabelLength)");
                return null;
            }
        }

        if (PartOf(sample.FamilyType, sample.Role) is not { } part)
        {
            return new ScrapedEntry { Series = GetSeries(sample.GetName(), KindOf(sample.FamilyType), labels, where) };
        }

        var (kind, role, boundLabel) = part;
        var bound = 0.0;
        var groupLabels = labels;
        if (role == PartRole.Bound)
        {
            var at = IndexOf(labels, boundLabel);
            if (at < 0 || !ExpositionText.TryParseDouble(sample.GetRawLabelValue(at), out bound))
            {
                Refuse($"{where}: '{sample.GetName()}' has no valid '{boundLabel}' label");
                return null;
            }

            groupLabels = [.. labels[..at], .. labels[(at + 1)..]];
        }

        var group = Group(sample.FamilyNameString, kind, groupLabels, where);
        var entry = new ScrapedEntry { Group = group, Role = role, Bound = bound, Slot = role == PartRole.Bound ? group.SlotOf(bound) : -1 };
        group.Parts.Add(entry);
        return entry;
    }

    private SnapshotGroup Group(string family, MetricKind kind, KeyValuePair<string, string>[] labels, string where)
    {
        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = new StringBuilder(family);
        foreach (var (name, value) in labels)
        {
            key.Append('\0').Append(name).Append('\0').Append(value);
        }

        var text = key.ToString();
        if (!_groups.TryGetValue(text, out var group) || group.Retired)
        {
            group = new SnapshotGroup(family, kind, labels, where) { LastSeen = _now };
            _groups[text] = group;
        }

        return group;
    }

    private MetricSeries GetSeries(string name, MetricKind kind, KeyValuePair<string, string>[] labels, string where)
    {
        foreach (var (labelName, value) in labels)
        {
            if (value.Length > _maxLabelLength)
            {
                Refuse($"{where}: label '{labelName}' of '{name}' is {value.Length} characters long; at most {_maxLabelLength} are allowed (AgentCollectionOptions.MaxLabelLength)");
                return default;
            }
        }

        try
        {
            return _recorder.GetSeries(_agentId, name, kind, labels);
        }
        catch (ArgumentException ex)
        {
            Refuse($"{where}: {ex.Message}");
            return default;
        }
    }

    /// <summary>Writes a JSON metric's identity (marker, name, type, labels in payload order) into a reused buffer.</summary>
    private ReadOnlySpan<byte> JsonKey(JsonMetric metric)
    {
        var length = 1 + Measure(metric.Name) + Measure(metric.Type);
        foreach (var (name, value) in metric.Labels ?? [])
        {
            length += Measure(name) + Measure(value);
        }

        if (_jsonKey.Length < length)
        {
            _jsonKey = new byte[Math.Max(length, _jsonKey.Length * 2)];
        }

        var span = _jsonKey.AsSpan();
        span[0] = JsonKeyMarker;
        var written = 1;
        Append(span, ref written, metric.Name);
        Append(span, ref written, metric.Type);
        foreach (var (name, value) in metric.Labels ?? [])
        {
            Append(span, ref written, name);
            Append(span, ref written, value);
        }

        return span[..written];

        static int Measure(string? text) => Encoding.UTF8.GetByteCount(text ?? string.Empty) + 1;

        static void Append(Span<byte> span, ref int written, string? text)
        {
            written += Encoding.UTF8.GetBytes(text ?? string.Empty, span[written..]);
            span[written++] = 0;
        }
    }

    private static int IndexOf(KeyValuePair<string, string>[] labels, string name)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i].Key == name)
            {
                return i;
            }
        }

        return -1;
    }

    private void Refuse(string? reason)
    {
        Refused++;
        FirstRefusal ??= reason;
    }

    private static MetricKind? JsonKind(string? type) => (type ?? "gauge").ToUpperInvariant() switch
    {
        "COUNTER" => MetricKind.Counter,
        "GAUGE" => MetricKind.Gauge,
        "HISTOGRAM" => MetricKind.Histogram,
        "SUMMARY" => MetricKind.Summary,
        _ => null,
    };

    /// <summary>The pipeline kind a scraped sample of its own lands as: counter totals are counters (cumulative, with reset detection); everything else is a gauge.</summary>
    internal static MetricKind KindOf(ExpositionMetricType type) =>
        type == ExpositionMetricType.Counter ? MetricKind.Counter : MetricKind.Gauge;

    /// <summary>
    /// Whether a sample is part of a histogram or summary snapshot, and which part: buckets (by <c>le</c>), quantiles
    /// (by <c>quantile</c>), sums and counts; null for a sample that is a series of its own (gauge histograms, statesets
    /// and info land as gauges).
    /// </summary>
    internal static (MetricKind Kind, PartRole Role, string BoundLabel)? PartOf(ExpositionMetricType type, ExpositionSampleRole role) => (type, role) switch
    {
        (ExpositionMetricType.Histogram, ExpositionSampleRole.Bucket) => (MetricKind.Histogram, PartRole.Bound, "le"),
        (ExpositionMetricType.Histogram, ExpositionSampleRole.Sum) => (MetricKind.Histogram, PartRole.Sum, "le"),
        (ExpositionMetricType.Histogram, ExpositionSampleRole.Count) => (MetricKind.Histogram, PartRole.Count, "le"),
        (ExpositionMetricType.Summary, ExpositionSampleRole.Value) => (MetricKind.Summary, PartRole.Bound, "quantile"),
        (ExpositionMetricType.Summary, ExpositionSampleRole.Sum) => (MetricKind.Summary, PartRole.Sum, "quantile"),
        (ExpositionMetricType.Summary, ExpositionSampleRole.Count) => (MetricKind.Summary, PartRole.Count, "quantile"),
        _ => null,
    };
}
