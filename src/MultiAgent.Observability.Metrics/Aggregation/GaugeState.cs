namespace MultiAgent.Observability.Metrics;

/// <summary>A gauge: last, min and max. An increment moves the last value.</summary>
internal sealed class GaugeState(MetricSeriesInfo info, MetricFamily family, int recentCapacity) : SeriesState(info, family, recentCapacity)
{
    private double _last;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    protected override double ApplyCore(SampleOp op, double value, long timestampMs)
    {
        // Samples are finite, so the last value is never NaN (at worst an infinity, from increments that overflow):
        // plain comparisons find the same minimum and maximum as Math.Min and Math.Max, without their NaN handling
        // (a -0 after a 0 leaves the 0, equal to it).
        var last = op == SampleOp.Add ? _last + value : value;
        _last = last;
        if (last < _min)
        {
            _min = last;
        }

        if (last > _max)
        {
            _max = last;
        }

        return last;
    }

    protected override int ReadCore(long nowMs, ref SeriesReading reading, Span<long> counts, Span<double> window)
    {
        reading.Value = _last;
        reading.Min = _min;
        reading.Max = _max;
        return 0;
    }

    protected override MetricAggregate ToAggregate(in SeriesReading reading, long[] cumulativeCounts, double[] quantileValues) =>
        new GaugeAggregate(reading.SampleCount, DateTimeOffset.FromUnixTimeMilliseconds(reading.LastSampleMs), reading.Value, reading.Min, reading.Max);
}
