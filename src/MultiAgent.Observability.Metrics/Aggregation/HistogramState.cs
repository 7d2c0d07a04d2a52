namespace MultiAgent.Observability.Metrics;

/// <summary>A histogram with its family's fixed bucket bounds; counts are kept per bucket and made cumulative on read.</summary>
internal sealed class HistogramState : SeriesState
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;
    private long _observations;

    public HistogramState(MetricSeriesInfo info, MetricFamily family, int recentCapacity)
        : base(info, family, recentCapacity)
    {
        _bounds = family.Buckets;
        _counts = new long[_bounds.Length + 1];
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

    protected override int ReadCore(long nowMs, ref SeriesReading reading, Span<long> counts, Span<double> window)
    {
        _counts.CopyTo(counts);
        reading.Value = _sum;
        reading.Count = _observations;
        return 0;
    }

    protected override void CompleteRead(ref SeriesReading reading, Span<long> counts, Span<double> window, Span<double> quantileValues)
    {
        for (var i = 1; i < _counts.Length; i++)
        {
            counts[i] += counts[i - 1];
        }
    }

    protected override MetricAggregate ToAggregate(in SeriesReading reading, long[] cumulativeCounts, double[] quantileValues) =>
        new HistogramAggregate(
            reading.SampleCount,
            DateTimeOffset.FromUnixTimeMilliseconds(reading.LastSampleMs),
            [.. _bounds, double.PositiveInfinity],
            cumulativeCounts,
            reading.Value,
            reading.Count);
}
