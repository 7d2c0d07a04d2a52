namespace MultiAgent.Observability.Metrics.Exposition;

/// <summary>
/// An <see cref="IExpositionSource"/> over the public <see cref="IMetricReader"/>, for readers other than the pipeline
/// (which is a source itself): it lists the series once, so ids stay valid, and reads each aggregate record.
/// </summary>
internal sealed class MetricReaderSource : IExpositionSource
{
    private readonly IMetricReader _reader;
    private readonly IReadOnlyList<MetricSeriesInfo> _series;
    private readonly Dictionary<string, MetricDescription> _families = new(StringComparer.Ordinal);

    public MetricReaderSource(IMetricReader reader)
    {
        _reader = reader;

        // Series first: a series' family is created before the series, so every listed series has its family listed too.
        _series = reader.ListSeries();
        foreach (var family in reader.ListFamilies())
        {
            _families[family.Name] = family;
        }
    }

    public int SeriesCount => _series.Count;

    /// <summary>Gets 0: the source lists the reader's series once and never changes.</summary>
    public int Generation => 0;

    public MetricSeriesInfo GetSeriesInfo(int id) => _series[id];

    public MetricDescription? GetFamily(int id) => _families.GetValueOrDefault(_series[id].Name);

    public bool TryRead(int id, ref SeriesValue value) => value.Read(_reader.GetAggregate(_series[id].Series));
}
