using System.Collections.Concurrent;

namespace MultiAgent.Observability.Metrics;

/// <content>Series interning (validated on first use, capped) and the read side.</content>
internal sealed partial class MetricPipeline
{
    private const string AgentIdLabel = "agent_id";

    private readonly ConcurrentDictionary<SeriesKey, int> _index;
    private readonly ConcurrentDictionary<SeriesKey, int>.AlternateLookup<SeriesLookup> _lookup;
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _exportedNames = new(StringComparer.Ordinal);
    private readonly Lock _seriesLock = new();
    private SeriesState[] _series = new SeriesState[64];
    private int _seriesCount;
    private long _seriesRefused;
    private int _capLogged;

    public void Describe(MetricDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (MetricFamily.Validate(description) is { } error)
        {
            throw new ArgumentException(error, nameof(description));
        }

        var family = GetOrAddFamily(description);
        if (family.Kind != description.Kind)
        {
            throw new ArgumentException(
                $"Metric '{description.Name}' is a {family.Kind}; it cannot be described as a {description.Kind}.",
                nameof(description));
        }
    }

    public MetricSeries GetSeries(string agentId, string metricName, MetricKind kind, params ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(metricName);
        if (_lookup.TryGetValue(new SeriesLookup(agentId, metricName, labels), out var index))
        {
            var existing = Volatile.Read(ref _series)[index].Info.Kind;
            return existing == kind ? new MetricSeries(this, index, kind) : throw KindConflict(metricName, existing, kind);
        }

        return CreateSeries(agentId, metricName, kind, labels);
    }

    public MetricSeriesInfo GetInfo(in MetricSeries series) => State(series).Info;

    public MetricAggregate? GetAggregate(in MetricSeries series) => State(series).Snapshot(_clock.NowMs());

    public IReadOnlyList<MetricPoint> GetRecentValues(in MetricSeries series, DateTimeOffset windowStart, DateTimeOffset windowEnd) =>
        State(series).Recent(windowStart.ToUnixTimeMilliseconds(), windowEnd.ToUnixTimeMilliseconds());

    public IReadOnlyList<MetricSeriesInfo> ListSeries()
    {
        var series = Volatile.Read(ref _series);
        var count = Math.Min(Volatile.Read(ref _seriesCount), series.Length);
        var infos = new MetricSeriesInfo[count];
        for (var i = 0; i < count; i++)
        {
            infos[i] = series[i].Info;
        }

        Array.Sort(infos, CompareInfos);
        return infos;
    }

    public IReadOnlyList<MetricDescription> ListFamilies()
    {
        var families = new List<MetricDescription>(_families.Count);
        foreach (var family in _families.Values)
        {
            families.Add(family.Description);
        }

        families.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return families;
    }

    public IReadOnlyList<MetricSample> GetHistory()
    {
        var series = Volatile.Read(ref _series);
        var entries = _history.Snapshot();
        var samples = new MetricSample[entries.Count];
        for (var i = 0; i < samples.Length; i++)
        {
            var (index, value, timestampMs) = entries[i];
            samples[i] = new MetricSample(series[index].Info.Series, DateTimeOffset.FromUnixTimeMilliseconds(timestampMs), value);
        }

        return samples;
    }

    internal static int CompareInfos(MetricSeriesInfo a, MetricSeriesInfo b)
    {
        var c = string.CompareOrdinal(a.Name, b.Name);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.AgentId, b.AgentId);
        }

        for (var i = 0; c == 0 && i < Math.Min(a.Labels.Count, b.Labels.Count); i++)
        {
            c = string.CompareOrdinal(a.Labels[i].Key, b.Labels[i].Key);
            if (c == 0)
            {
                c = string.CompareOrdinal(a.Labels[i].Value, b.Labels[i].Value);
            }
        }

        return c != 0 ? c : a.Labels.Count.CompareTo(b.Labels.Count);
    }

    private static ArgumentException KindConflict(string name, MetricKind existing, MetricKind kind) =>
        new($"Metric '{name}' is a {existing}; it cannot be recorded as a {kind}.", nameof(kind));

    private SeriesState State(in MetricSeries series)
    {
        if (!ReferenceEquals(series.Owner, this))
        {
            throw new ArgumentException(
                series.IsValid ? "The series handle belongs to another pipeline." : "The series handle is invalid (refused by the cardinality cap, or default).",
                nameof(series));
        }

        return Volatile.Read(ref _series)[series.Index];
    }

    private MetricSeries CreateSeries(string agentId, string metricName, MetricKind kind, ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        ValidateSeries(agentId, metricName, kind, labels);
        var family = _families.TryGetValue(metricName, out var known) ? known : GetOrAddFamily(new MetricDescription(metricName, kind));
        if (family.Kind != kind)
        {
            throw KindConflict(metricName, family.Kind, kind);
        }

        lock (_seriesLock)
        {
            if (_lookup.TryGetValue(new SeriesLookup(agentId, metricName, labels), out var raced))
            {
                var existing = _series[raced].Info.Kind;
                return existing == kind ? new MetricSeries(this, raced, kind) : throw KindConflict(metricName, existing, kind);
            }

            if (_seriesCount >= _options.MaxSeries)
            {
                Interlocked.Increment(ref _seriesRefused);
                if (Interlocked.Exchange(ref _capLogged, 1) == 0)
                {
                    Log.SeriesCapReached(_logger, _options.MaxSeries, metricName, agentId);
                }

                return default;
            }

            var index = _seriesCount;
            var key = SeriesKeyComparer.Instance.Create(new SeriesLookup(agentId, metricName, labels));
            var info = new MetricSeriesInfo(new MetricSeries(this, index, kind), agentId, metricName, kind, key.Labels);
            var state = NewState(info, family);
            var series = _series;
            if (index == series.Length)
            {
                Array.Resize(ref series, series.Length * 2);
            }

            series[index] = state;
            Volatile.Write(ref _series, series);
            Volatile.Write(ref _seriesCount, index + 1);
            _index[key] = index;
            return info.Series;
        }
    }

    /// <summary>
    /// Adds a family unless one of the sample names it would be exported under (<c>x_total</c>, <c>x_bucket</c>,
    /// <c>x_sum</c>, <c>x_count</c>...) is already another family's: Prometheus rejects such a scrape as a whole,
    /// so the clash is refused here, where the caller can be told, instead of being left out of the exposition.
    /// </summary>
    private MetricFamily GetOrAddFamily(MetricDescription description)
    {
        lock (_seriesLock)
        {
            if (_families.TryGetValue(description.Name, out var existing))
            {
                return existing;
            }

            var names = ExportedNames(description.Name, description.Kind);
            foreach (var name in names)
            {
                if (_exportedNames.TryGetValue(name, out var owner))
                {
                    throw new ArgumentException(
                        $"{description.Kind} '{description.Name}' would be exposed as '{name}', which metric '{owner}' already uses; Prometheus would reject the scrape.",
                        nameof(description));
                }
            }

            foreach (var name in names)
            {
                _exportedNames[name] = description.Name;
            }

            var family = new MetricFamily(description);
            _families[description.Name] = family;
            return family;
        }
    }

    private static string[] ExportedNames(string name, MetricKind kind) => kind switch
    {
        MetricKind.Counter => name.EndsWith("_total", StringComparison.Ordinal) ? [name, name[..^6]] : [name + "_total", name],
        MetricKind.Histogram => [name, name + "_bucket", name + "_sum", name + "_count"],
        MetricKind.Summary => [name, name + "_sum", name + "_count"],
        _ => [name],
    };

    private SeriesState NewState(MetricSeriesInfo info, MetricFamily family) => family.Kind switch
    {
        MetricKind.Counter => new CounterState(info, _options.RecentValuesPerSeries),
        MetricKind.Gauge => new GaugeState(info, _options.RecentValuesPerSeries),
        MetricKind.Histogram => new HistogramState(info, _options.RecentValuesPerSeries, family.Buckets),
        _ => new SummaryState(
            info,
            Math.Max(_options.RecentValuesPerSeries, _options.SummaryMaxObservations),
            family.Quantiles,
            (long)_options.SummaryMaxAge.TotalMilliseconds),
    };

    private void ValidateSeries(string agentId, string metricName, MetricKind kind, ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        if (AgentId.Validate(agentId) is { } agentError)
        {
            throw new ArgumentException(agentError, nameof(agentId));
        }

        if (PrometheusNaming.ValidateMetricName(metricName) is { } nameError)
        {
            throw new ArgumentException(nameError, nameof(metricName));
        }

        if (labels.Length > _options.MaxLabelsPerSeries)
        {
            throw new ArgumentException(
                $"Metric '{metricName}' of agent '{agentId}' has {labels.Length} labels; at most {_options.MaxLabelsPerSeries} are allowed (AgentMetricsOptions.MaxLabelsPerSeries).",
                nameof(labels));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            var (name, value) = labels[i];
            if (PrometheusNaming.ValidateLabelName(name) is { } labelError)
            {
                throw new ArgumentException($"Metric '{metricName}' label {i}: {labelError}", nameof(labels));
            }

            if ((name == "le" && kind == MetricKind.Histogram) || (name == "quantile" && kind == MetricKind.Summary))
            {
                throw new ArgumentException($"Metric '{metricName}' label {i}: '{name}' is reserved for the {kind}'s own {(kind == MetricKind.Histogram ? "buckets" : "quantiles")}.", nameof(labels));
            }

            if (name == AgentIdLabel)
            {
                throw new ArgumentException($"Metric '{metricName}' label {i}: '{AgentIdLabel}' is set by the pipeline from the agent id; do not pass it.", nameof(labels));
            }

            ArgumentNullException.ThrowIfNull(value, $"labels[{i}].Value");
            if (value.Length > _options.MaxLabelValueLength)
            {
                throw new ArgumentException(
                    $"Metric '{metricName}' label '{name}' value is {value.Length} characters; at most {_options.MaxLabelValueLength} are allowed (AgentMetricsOptions.MaxLabelValueLength).",
                    nameof(labels));
            }

            for (var j = 0; j < i; j++)
            {
                if (labels[j].Key == name)
                {
                    throw new ArgumentException($"Metric '{metricName}' label '{name}' is given twice (at {j} and {i}).", nameof(labels));
                }
            }
        }
    }
}
