namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The series of the GenAI metrics by capped values, so their tags are built once. Bounded: past
/// <see cref="MaxSeries"/> combinations a series is built for the one span (correct, not cached).
/// </summary>
internal sealed class SeriesCache
{
    /// <summary>The most series kept. The caps bound each value; this bounds their combinations.</summary>
    public const int MaxSeries = 4096;

    private readonly Lock _lock = new();
    private readonly Dictionary<SeriesKey, SpanSeries> _series = [];
    private readonly GenAIPriceTable _prices;

    public SeriesCache(GenAIPriceTable prices) => _prices = prices;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _series.Count;
            }
        }
    }

    /// <summary>Gets the series of capped values, built the first time.</summary>
    public SpanSeries Get(in SeriesKey capped)
    {
        lock (_lock)
        {
            if (_series.TryGetValue(capped, out var known))
            {
                return known;
            }
        }

        var series = new SpanSeries(capped, _prices);
        lock (_lock)
        {
            if (_series.TryGetValue(capped, out var known))
            {
                return known;
            }

            if (_series.Count < MaxSeries)
            {
                _series.Add(capped, series);
            }
        }

        return series;
    }
}
