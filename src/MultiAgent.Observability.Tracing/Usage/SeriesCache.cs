namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The series of the GenAI metrics by capped values, so their tags are built once. Bounded: past
/// <see cref="MaxSeries"/> combinations a series is built for the one span (correct, not cached). Used by one thread at
/// a time (the collector hands the metrics one span at a time).
/// </summary>
internal sealed class SeriesCache(GenAIPriceTable prices)
{
    /// <summary>The most series kept. The caps bound each value; this bounds their combinations.</summary>
    public const int MaxSeries = 4096;

    private readonly Dictionary<SeriesKey, SpanSeries> _series = [];

    public int Count => _series.Count;

    /// <summary>Gets the series of capped values, built the first time.</summary>
    public SpanSeries Get(in SeriesKey capped)
    {
        if (_series.TryGetValue(capped, out var known))
        {
            return known;
        }

        var series = new SpanSeries(capped, prices);
        if (_series.Count < MaxSeries)
        {
            _series.Add(capped, series);
        }

        return series;
    }
}
