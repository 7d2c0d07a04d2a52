using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Collection;

/// <summary>
/// One scraped histogram or summary series: the bucket (<c>le</c>) or quantile samples, <c>_sum</c> and <c>_count</c>
/// that share its labels, gathered during a scrape and recorded as one cumulative snapshot when it commits. The first
/// complete scrape fixes its bounds (and declares its family with them); a later scrape with other bounds is refused.
/// </summary>
internal sealed class SnapshotGroup(string name, MetricKind kind, KeyValuePair<string, string>[] labels, string where)
{
    private double[] _bounds = [];
    private double[] _values = [];

    public string Name { get; } = name;

    public MetricKind Kind { get; } = kind;

    /// <summary>Gets the bucket and quantile samples and the sum and count samples of the group, as cached by the target.</summary>
    public List<ScrapedEntry> Parts { get; } = [];

    /// <summary>Gets the pipeline series once resolved; invalid until the first complete scrape, or when refused.</summary>
    public MetricSeries Series { get; private set; }

    /// <summary>Gets why the group is refused for good (its family conflicts), or null.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Gets or sets the scrape that last touched the group.</summary>
    public int LastScrape { get; set; }

    /// <summary>Gets or sets when a scrape last served the group.</summary>
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>Gets or sets a value indicating whether the group was retired; its cached parts then start a new group.</summary>
    public bool Retired { get; set; }

    /// <summary>Records the group's snapshot of the scrape <paramref name="scrape"/>.</summary>
    /// <returns>Why it was refused, or null.</returns>
    public string? Commit(int scrape, IMetricRecorder recorder, IMetricSnapshotRecorder snapshots, string agentId)
    {
        if (Refusal is not null)
        {
            return Refusal;
        }

        if (!Series.IsValid && Resolve(scrape, recorder, agentId) is { } refused)
        {
            return refused;
        }

        _values.AsSpan().Fill(double.NaN);
        double sum = double.NaN, count = double.NaN;
        foreach (var part in Parts)
        {
            if (part.LastScrape != scrape)
            {
                continue;
            }

            switch (part.Role)
            {
                case PartRole.Sum:
                    sum = part.Value;
                    break;
                case PartRole.Count:
                    count = part.Value;
                    break;
                default:
                    if (part.Slot < 0)
                    {
                        return $"{where}: '{Name}' has a {BoundName} ({part.Bound}) its first scrape did not have";
                    }

                    _values[part.Slot] = part.Value;
                    break;
            }
        }

        var incomplete = double.IsNaN(sum) || double.IsNaN(count) || (Kind == MetricKind.Histogram && _values.AsSpan().Contains(double.NaN));
        if (incomplete)
        {
            return $"{where}: '{Name}' lacks its _sum, _count or one of its {BoundName} samples";
        }

        var recorded = Kind == MetricKind.Histogram
            ? snapshots.RecordHistogram(Series, _bounds.AsSpan(0, _bounds.Length - 1), _values, sum, count)
            : snapshots.RecordSummary(Series, _bounds, _values, sum, count);
        return recorded ? null : $"{where}: the pipeline refused the {Kind.ToString().ToLowerInvariant()} '{Name}' (its family has other {BoundName}s, or the values are not cumulative)";
    }

    /// <summary>Gets where a bound sits in the group's snapshot, or -1 when its bounds (fixed by the first scrape) lack it.</summary>
    public int SlotOf(double bound) => Array.IndexOf(_bounds, bound);

    private string BoundName => Kind == MetricKind.Histogram ? "bucket" : "quantile";

    /// <summary>Fixes the bounds from the parts this scrape served, declares the family with them and resolves the series.</summary>
    private string? Resolve(int scrape, IMetricRecorder recorder, string agentId)
    {
        var bounds = new List<double>();
        foreach (var part in Parts)
        {
            if (part.LastScrape == scrape && part.Role == PartRole.Bound && !bounds.Contains(part.Bound))
            {
                bounds.Add(part.Bound);
            }
        }

        bounds.Sort();
        if (Kind == MetricKind.Histogram && (bounds.Count == 0 || !double.IsPositiveInfinity(bounds[^1])))
        {
            return $"{where}: the histogram '{Name}' has no le=\"+Inf\" bucket";
        }

        _bounds = [.. bounds];
        _values = new double[_bounds.Length];
        foreach (var part in Parts)
        {
            part.Slot = part.Role == PartRole.Bound ? Array.IndexOf(_bounds, part.Bound) : -1;
        }

        try
        {
            var finite = Kind == MetricKind.Histogram ? _bounds[..^1] : [];
            recorder.Describe(Kind == MetricKind.Histogram
                ? new MetricDescription(Name, Kind) { Buckets = finite }
                : new MetricDescription(Name, Kind) { Quantiles = _bounds });
            Series = recorder.GetSeries(agentId, Name, Kind, labels);
        }
        catch (ArgumentException ex)
        {
            Refusal = $"{where}: {ex.Message}";
            return Refusal;
        }

        return Series.IsValid ? null : $"{where}: the pipeline's series cap refused '{Name}'";
    }
}

/// <summary>What a cached sample is within a <see cref="SnapshotGroup"/>.</summary>
internal enum PartRole
{
    /// <summary>A bucket (<c>le</c>) or quantile sample.</summary>
    Bound,

    /// <summary>The <c>_sum</c> sample.</summary>
    Sum,

    /// <summary>The <c>_count</c> sample.</summary>
    Count,
}

/// <summary>One cached scraped sample: a series of its own (<see cref="Series"/>) or a part of a <see cref="Group"/>.</summary>
internal sealed class ScrapedEntry
{
    public MetricSeries Series { get; init; }

    public SnapshotGroup? Group { get; init; }

    public PartRole Role { get; init; }

    /// <summary>Gets the bucket's <c>le</c> or the quantile.</summary>
    public double Bound { get; init; }

    /// <summary>Gets or sets where the bound is in the group's snapshot; -1 when the group's bounds lack it.</summary>
    public int Slot { get; set; } = -1;

    /// <summary>Gets or sets the value this scrape served (parts only).</summary>
    public double Value { get; set; }

    public int LastScrape { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    /// <summary>Gets or sets a value indicating whether the gauge got the stale marker since it was last served.</summary>
    public bool MarkedStale { get; set; }
}
