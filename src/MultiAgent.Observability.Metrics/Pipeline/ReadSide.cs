using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The read side: consistent snapshots of what the consumer aggregated, for <see cref="IMetricReader"/>, and an
/// allocation-free walk for exporters (<see cref="Families"/>, <see cref="MetricFamily.Series"/>, <see cref="Read"/>).
/// Every read indexes the series array published no earlier than the data it resolves, so a concurrent resize
/// never shows a reader an array older than its snapshot.
/// </summary>
internal sealed class ReadSide(object owner, SeriesTable table, HistoryRing history, SampleClock clock) : IExpositionSource
{
    /// <summary>Gets every family in creation order; each lists its series (<see cref="MetricFamily.Series"/>). Allocates nothing.</summary>
    public ReadOnlySpan<MetricFamily> Families => table.Families;

    /// <summary>
    /// Reads one series' aggregate into caller-owned memory; allocates nothing. <paramref name="cumulativeCounts"/> needs
    /// <c>Family.Buckets.Length + 1</c> entries for a histogram, <paramref name="quantileValues"/> <c>Family.Quantiles.Length</c>
    /// for a summary; other kinds may pass empty spans.
    /// </summary>
    /// <returns>False when the series has no aggregated sample yet.</returns>
    public bool Read(SeriesState series, ref SeriesReading reading, Span<long> cumulativeCounts, Span<double> quantileValues) =>
        series.ReadInto(clock.NowMs(), ref reading, cumulativeCounts, quantileValues);

    /// <summary>
    /// Gets how many series exist; series <c>0..SeriesCount-1</c> keep their index forever (append-only), so the index is
    /// also the series id of <see cref="IExpositionSource"/>.
    /// </summary>
    public int SeriesCount => table.Count;

    /// <summary>Gets series <paramref name="index"/>, below <see cref="SeriesCount"/>, for allocation-free reads by index (rule evaluation).</summary>
    public SeriesState Series(int index) => table[index];

    /// <summary>Gets a number that changes when a series is retired (see <see cref="IExpositionSource.Generation"/>).</summary>
    public int Generation => table.Generation;

    public MetricSeriesInfo GetInfo(in MetricSeries series)
    {
        var state = State(series);
        return state.IsRetired ? throw new ArgumentException("The series was retired.", nameof(series)) : state.Info;
    }

    public MetricAggregate? GetAggregate(in MetricSeries series) => State(series).Snapshot(clock.NowMs());

    public IReadOnlyList<MetricPoint> GetRecentValues(in MetricSeries series, DateTimeOffset windowStart, DateTimeOffset windowEnd) =>
        State(series).Recent(windowStart.ToUnixTimeMilliseconds(), windowEnd.ToUnixTimeMilliseconds());

    public IReadOnlyList<MetricSeriesInfo> ListSeries()
    {
        var states = table.States;
        var infos = new List<MetricSeriesInfo>(states.Length);
        foreach (var state in states)
        {
            if (!state.IsRetired)
            {
                infos.Add(state.Info);
            }
        }

        infos.Sort(SeriesTable.CompareInfos);
        return infos;
    }

    public IReadOnlyList<MetricDescription> ListFamilies()
    {
        var families = table.Families;
        var descriptions = new MetricDescription[families.Length];
        for (var i = 0; i < descriptions.Length; i++)
        {
            descriptions[i] = families[i].Description;
        }

        Array.Sort(descriptions, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return descriptions;
    }

    public IReadOnlyList<MetricSample> GetHistory()
    {
        // The history first, the series after: every series an entry names was published before the entry was written.
        var entries = history.Snapshot();
        var states = table.States;
        var samples = new List<MetricSample>(entries.Count);
        foreach (var (index, value, timestampMs) in entries)
        {
            // A retired series' samples leave the history with it: its handle is dead.
            if (!states[index].IsRetired)
            {
                samples.Add(new MetricSample(states[index].Info.Series, DateTimeOffset.FromUnixTimeMilliseconds(timestampMs), value));
            }
        }

        return samples;
    }

    /// <inheritdoc/>
    MetricSeriesInfo IExpositionSource.GetSeriesInfo(int id) => table[id].Info;

    /// <inheritdoc/>
    MetricDescription? IExpositionSource.GetFamily(int id) => table[id] is { IsRetired: false } series ? series.Family.Description : null;

    /// <inheritdoc/>
    bool IExpositionSource.TryRead(int id, ref SeriesValue value)
    {
        var series = table[id];
        var family = series.Family;
        var kind = family.Kind;
        var length = kind switch
        {
            MetricKind.Histogram => family.Buckets.Length + 1,
            MetricKind.Summary => family.Quantiles.Length,
            _ => 0,
        };
        value.EnsureCapacity(length);
        var reading = default(SeriesReading);
        if (!Read(
                series,
                ref reading,
                kind == MetricKind.Histogram ? value.BucketCounts.AsSpan(0, length) : default,
                kind == MetricKind.Summary ? value.QuantileValues.AsSpan(0, length) : default))
        {
            value.SampleCount = 0;
            return false;
        }

        value.Kind = kind;
        value.SampleCount = reading.SampleCount;
        value.Value = reading.Value;
        value.Sum = reading.Value;
        value.Count = reading.Count;
        value.Length = length;
        if (kind == MetricKind.Histogram)
        {
            family.Buckets.CopyTo(value.Bounds, 0);
            value.Bounds[length - 1] = double.PositiveInfinity;
        }
        else if (kind == MetricKind.Summary)
        {
            family.Quantiles.CopyTo(value.Bounds, 0);
        }

        return true;
    }

    private SeriesState State(in MetricSeries series)
    {
        if (!ReferenceEquals(series.Owner, owner))
        {
            throw new ArgumentException(
                series.IsValid ? "The series handle belongs to another pipeline." : "The series handle is invalid (refused by the cardinality cap, or default).",
                nameof(series));
        }

        return table[series.Index];
    }
}
