using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// Interns series: a lock-free lookup for known series, and under one lock the first-use path that validates,
/// applies the cardinality cap (to series and to the families they would create), refuses exposed-name clashes
/// and appends the new state. States are published as a growing array that the consumer and readers index
/// without a lock.
/// </summary>
internal sealed class SeriesTable
{
    private readonly object _owner;
    private readonly AgentMetricsOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<SeriesKey, int> _index = new(SeriesKeyComparer.Instance);
    private readonly ConcurrentDictionary<SeriesKey, int>.AlternateLookup<SeriesLookup> _lookup;
    private readonly Dictionary<string, MetricFamily> _familiesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _exposedNames = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly PublishedList<MetricFamily> _families = new(16);
    private readonly PublishedList<SeriesState> _series = new(64);
    private readonly RetiredState _retired;
    private long _refused;
    private long _retiredCount;
    private int _live;
    private int _generation;
    private int _capLogged;

    /// <param name="owner">The pipeline the handles this table issues belong to.</param>
    /// <param name="options">The limits.</param>
    /// <param name="logger">Logs the cap, once.</param>
    public SeriesTable(object owner, AgentMetricsOptions options, ILogger logger)
    {
        _owner = owner;
        _options = options;
        _logger = logger;
        _lookup = _index.GetAlternateLookup<SeriesLookup>();
        // An empty name, which no real family can have, so readers grouping by name never mix it with one.
        var retiredFamily = new MetricFamily(new MetricDescription(string.Empty, MetricKind.Gauge));
        _retired = new RetiredState(new MetricSeriesInfo(default, string.Empty, retiredFamily.Name, MetricKind.Gauge, []), retiredFamily);
    }

    /// <summary>Gets how many series ids were issued: every id below it can be read (a retired one reads as nothing).</summary>
    public int Count => _series.Count;

    /// <summary>Gets how many series are live: issued and not retired. The cap counts these.</summary>
    public int LiveCount => Volatile.Read(ref _live);

    /// <summary>Gets how many series were retired.</summary>
    public long RetiredCount => Interlocked.Read(ref _retiredCount);

    /// <summary>Gets a number that changes whenever a series is retired, so a reader caching the list of series knows to rebuild it.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Gets how many new series and families the cap refused.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Gets every interned series, indexed by <see cref="MetricSeries.Index"/>: a consistent prefix, safe to read from any thread.</summary>
    public ReadOnlySpan<SeriesState> States => _series.Items;

    /// <summary>Gets every family in creation order, safe to read from any thread.</summary>
    public ReadOnlySpan<MetricFamily> Families => _families.Items;

    /// <summary>Gets the state behind a handle this table issued.</summary>
    public SeriesState this[int index] => States[index];

    public void Describe(MetricDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (MetricFamily.Validate(description) is { } error)
        {
            throw new ArgumentException(error, nameof(description));
        }

        lock (_lock)
        {
            var family = FindOrAddFamily(description, agentId: null);
            if (family is not null && family.Kind != description.Kind)
            {
                throw new ArgumentException(
                    $"Metric '{description.Name}' is a {family.Kind}; it cannot be described as a {description.Kind}.",
                    nameof(description));
            }
        }
    }

    public MetricSeries GetSeries(string agentId, string metricName, MetricKind kind, ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(metricName);
        if (_lookup.TryGetValue(new SeriesLookup(agentId, metricName, labels), out var index))
        {
            return Handle(index, kind);
        }

        SeriesValidator.Validate(agentId, metricName, kind, labels, _options);
        lock (_lock)
        {
            if (_lookup.TryGetValue(new SeriesLookup(agentId, metricName, labels), out var raced))
            {
                return Handle(raced, kind);
            }

            if (_familiesByName.TryGetValue(metricName, out var known) && known.Kind != kind)
            {
                throw KindConflict(metricName, known.Kind, kind);
            }

            if (_live >= _options.MaxSeries)
            {
                Refuse(metricName, agentId);
                return default;
            }

            var family = known ?? FindOrAddFamily(new MetricDescription(metricName, kind), agentId);
            return family is null ? default : AddSeries(family, agentId, labels);
        }
    }

    /// <summary>
    /// Retires a series: its identity leaves the index (recording it again creates a new series with a new id), it leaves
    /// its family, and its slot holds the shared retired placeholder, so its state, recent values and labels are
    /// released and it counts no more against the cap. Its id is never reused. Samples still in flight for it are
    /// aggregated into nothing.
    /// </summary>
    /// <returns>False when the handle is not this table's or the series was already retired.</returns>
    public bool Retire(in MetricSeries series)
    {
        if (!ReferenceEquals(series.Owner, _owner))
        {
            return false;
        }

        lock (_lock)
        {
            var state = this[series.Index];
            if (state.IsRetired)
            {
                return false;
            }

            var labels = state.Info.Labels;
            var key = new SeriesKey(state.Info.AgentId, state.Info.Name, labels as KeyValuePair<string, string>[] ?? [.. labels]);
            _index.TryRemove(key, out _);
            state.Family.Remove(state);
            _series.Replace(series.Index, _retired);
            _live--;
            Interlocked.Increment(ref _retiredCount);
            Interlocked.Increment(ref _generation);
            return true;
        }
    }

    /// <summary>Sorts series infos by metric name, agent id, then labels.</summary>
    public static int CompareInfos(MetricSeriesInfo a, MetricSeriesInfo b)
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

    private MetricSeries Handle(int index, MetricKind kind)
    {
        var existing = this[index].Info.Kind;
        return existing == kind ? new MetricSeries(_owner, index, kind) : throw KindConflict(this[index].Info.Name, existing, kind);
    }

    /// <summary>
    /// Finds a family or adds it, unless the cap is reached (refused: null) or one of the sample names it would be
    /// exposed under is already another family's: Prometheus rejects such a scrape as a whole, so the clash is
    /// refused here, where the caller can be told, instead of being left out of the exposition.
    /// </summary>
    private MetricFamily? FindOrAddFamily(MetricDescription description, string? agentId)
    {
        if (_familiesByName.TryGetValue(description.Name, out var existing))
        {
            return existing;
        }

        // Families count against the series cap too: every family holds at least one series or was declared.
        if (_families.Count >= _options.MaxSeries)
        {
            Refuse(description.Name, agentId);
            return null;
        }

        var family = new MetricFamily(description);
        foreach (var name in family.ExposedNames)
        {
            if (_exposedNames.TryGetValue(name, out var owner))
            {
                throw new ArgumentException(
                    $"{description.Kind} '{description.Name}' would be exposed as '{name}', which metric '{owner}' already uses; Prometheus would reject the scrape.",
                    nameof(description));
            }
        }

        foreach (var name in family.ExposedNames)
        {
            _exposedNames[name] = description.Name;
        }

        _familiesByName[description.Name] = family;
        _families.Add(family);
        return family;
    }

    private MetricSeries AddSeries(MetricFamily family, string agentId, ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        var index = _series.Count;
        var key = SeriesKeyComparer.Instance.Create(new SeriesLookup(agentId, family.Name, labels));
        var info = new MetricSeriesInfo(new MetricSeries(_owner, index, family.Kind), agentId, family.Name, family.Kind, key.Labels);
        var state = SeriesState.Create(info, family, _options);
        _series.Add(state);
        family.Add(state);
        _index[key] = index;
        _live++;
        return info.Series;
    }

    private void Refuse(string metricName, string? agentId)
    {
        Interlocked.Increment(ref _refused);
        if (Interlocked.Exchange(ref _capLogged, 1) == 0)
        {
            Log.SeriesCapReached(_logger, _options.MaxSeries, metricName, agentId ?? "(declared)");
        }
    }
}
