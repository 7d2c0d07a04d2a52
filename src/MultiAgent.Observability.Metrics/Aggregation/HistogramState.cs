namespace MultiAgent.Observability.Metrics;

/// <summary>A histogram with fixed bucket bounds; counts are kept per bucket and made cumulative on read.</summary>
internal sealed class HistogramState : SeriesState
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;
    private long _observations;

    public HistogramState(MetricSeriesInfo info, int recentCapacity, double[] bounds)
        : base(info, recentCapacity)
    {
        _bounds = bounds;
        _counts = new long[bounds.Length + 1];
    }

    protected override double ApplyCore(SampleOp op, double value, long timestampMs)
    {
        // Buckets are few; a linear scan beats a binary search's branches on small arrays.
        var i = 0;
        while (i < _bounds.Length && value > _bounds[i])
        {
            i++;
        }

        _counts[i]++;
        _sum += value;
        _observations++;
        return value;
    }

    protected override MetricAggregate SnapshotCore(long count, DateTimeOffset last, long nowMs)
    {
        var bounds = new double[_bounds.Length + 1];
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += _counts[i];
            cumulative[i] = running;
            bounds[i] = i < _bounds.Length ? _bounds[i] : double.PositiveInfinity;
        }

        return new HistogramAggregate(count, last, bounds, cumulative, _sum, _observations);
    }
}
