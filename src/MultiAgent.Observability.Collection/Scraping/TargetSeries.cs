using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Collection;

/// <summary>
/// One target's scraped series: maps each sample to a pipeline series handle through a cache keyed by the sample's raw
/// bytes (no allocation for a series seen before), stages the values, and on commit records them and marks the series
/// that disappeared as stale. Used by one scrape at a time.
/// </summary>
internal sealed class TargetSeries : IExpositionSink
{
    /// <summary>Prometheus' staleness marker: a NaN with this exact bit pattern.</summary>
    public static readonly double StaleNaN = BitConverter.Int64BitsToDouble(0x7ff0000000000002);

    private const string AgentLabel = MonitoringLabels.AgentId;
    private const string ExportedAgentLabel = "exported_" + MonitoringLabels.AgentId;

    private readonly IMetricRecorder _recorder;
    private readonly string _agentId;
    private readonly Utf8KeyedCache<Entry> _cache;
    private readonly List<(MetricSeries Series, double Value)> _staged = [];
    private int _scrape;
    private int _maxSamples;
    private int _maxLabelLength;

    public TargetSeries(IMetricRecorder recorder, string agentId, int capacity)
    {
        _recorder = recorder;
        _agentId = agentId;
        _cache = new Utf8KeyedCache<Entry>(capacity);
    }

    public int Samples { get; private set; }

    public int Refused { get; private set; }

    public string? FirstRefusal { get; private set; }

    public int CachedSeries => _cache.Count;

    public void Begin(int maxSamples, int maxLabelLength)
    {
        _scrape++;
        _maxSamples = maxSamples;
        _maxLabelLength = maxLabelLength;
        _staged.Clear();
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
        if (_cache.TryGetValue(sample.Identity, out var entry))
        {
            entry.LastScrape = _scrape;
            if (entry.Series.IsValid)
            {
                _staged.Add((entry.Series, sample.Value));
            }

            return;
        }

        entry = new Entry { LastScrape = _scrape, Series = Resolve(sample) };
        if (!_cache.TryAdd(sample.Identity, entry))
        {
            Refuse($"the series cache of the target is full ({_cache.Count} series)");
            return;
        }

        if (entry.Series.IsValid)
        {
            _staged.Add((entry.Series, sample.Value));
        }
    }

    /// <summary>Stages one sample of the JSON format.</summary>
    public void OnJsonMetric(JsonMetric metric, int index)
    {
        CountSample();
        if (metric.Name is null || metric.Value is not { } value)
        {
            Refuse($"metrics[{index}] has no name or no value");
            return;
        }

        MetricKind? kind = (metric.Type ?? "gauge").ToUpperInvariant() switch
        {
            "COUNTER" => MetricKind.Counter,
            "GAUGE" => MetricKind.Gauge,
            "HISTOGRAM" => MetricKind.Histogram,
            "SUMMARY" => MetricKind.Summary,
            _ => null,
        };
        if (kind is null)
        {
            Refuse($"metrics[{index}] '{metric.Name}' has the unknown type '{metric.Type}'");
            return;
        }

        var labels = new List<KeyValuePair<string, string>>(metric.Labels?.Count ?? 0);
        foreach (var (name, labelValue) in metric.Labels ?? [])
        {
            labels.Add(new(name == AgentLabel ? ExportedAgentLabel : name, labelValue ?? string.Empty));
        }

        var series = GetSeries(metric.Name, kind.Value, labels.ToArray(), $"metrics[{index}]");
        if (series.IsValid)
        {
            _staged.Add((series, value));
        }
    }

    /// <summary>Records the staged values, then marks series this target no longer serves as stale and forgets them.</summary>
    public void Commit()
    {
        foreach (var (series, value) in _staged)
        {
            _recorder.Record(series, value);
        }

        _staged.Clear();
        foreach (var (key, entry) in _cache)
        {
            if (entry.LastScrape != _scrape)
            {
                MarkStale(entry.Series);
                _cache.Remove(key);
            }
        }
    }

    /// <summary>Drops the staged values of a failed scrape and marks every series of the target stale, as Prometheus does.</summary>
    public void Abort()
    {
        _staged.Clear();
        foreach (var (_, entry) in _cache)
        {
            MarkStale(entry.Series);
        }

        _cache.Clear();
    }

    private void MarkStale(MetricSeries series)
    {
        // Only gauges take NaN; the other kinds stop being fed and age out of this cache.
        if (series.IsValid && series.Kind == MetricKind.Gauge)
        {
            _recorder.Record(series, StaleNaN);
        }
    }

    private void CountSample()
    {
        if (++Samples > _maxSamples)
        {
            throw new ScrapeException(ScrapeOutcome.SampleLimitExceeded, $"the scrape has more than {_maxSamples} samples (AgentCollectionOptions.MaxSamplesPerScrape)");
        }
    }

    private MetricSeries Resolve(in ExpositionSample sample)
    {
        var labels = new KeyValuePair<string, string>[sample.LabelCount];
        for (var i = 0; i < labels.Length; i++)
        {
            var name = sample.GetLabelNameString(i);
            labels[i] = new(name == AgentLabel ? ExportedAgentLabel : name, sample.GetLabelValue(i));
        }

        return GetSeries(sample.GetName(), KindOf(sample.FamilyType, sample.Role), labels, $"line {sample.LineNumber}");
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

    private void Refuse(string reason)
    {
        Refused++;
        FirstRefusal ??= reason;
    }

    /// <summary>The pipeline kind a scraped sample lands as: totals and the buckets, sums and counts of histograms and summaries are cumulative counters; everything else is a gauge.</summary>
    internal static MetricKind KindOf(ExpositionMetricType type, ExpositionSampleRole role) => (type, role) switch
    {
        (ExpositionMetricType.Counter, _) => MetricKind.Counter,
        (ExpositionMetricType.Histogram, _) => MetricKind.Counter,
        (ExpositionMetricType.Summary, ExpositionSampleRole.Count or ExpositionSampleRole.Sum) => MetricKind.Counter,
        _ => MetricKind.Gauge,
    };

    private sealed class Entry
    {
        public MetricSeries Series { get; init; }

        public int LastScrape { get; set; }
    }
}
