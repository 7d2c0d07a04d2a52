namespace MultiAgent.Observability.Metrics;

/// <summary>A gauge: last, min and max (NaN samples passed over, as PromQL's min_over_time does). An increment moves the last value.</summary>
internal sealed class GaugeState(MetricSeriesInfo info, MetricFamily family, int recentCapacity) : SeriesState(info, family, recentCapacity)
{
    private double _last;
    private double _min = double.NaN;
    private double _max = double.NaN;

    protected override double ApplyCore(SampleOp op, double value, long timestampMs)
    {
        // Min and max as PromQL's min_over_time and max_over_time take them: a NaN sample is passed over unless every
        // sample so far was NaN (before the first sample both are NaN, so the first sets them).
        var last = op == SampleOp.Add ? _last + value : value;
        _last = last;
        if (last < _min || double.IsNaN(_min))
        {
            _min = last;
        }

        if (last > _max || double.IsNaN(_max))
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
