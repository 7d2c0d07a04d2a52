namespace MultiAgent.Observability.Metrics;

/// <summary>A gauge: last, min and max. An increment moves the last value.</summary>
internal sealed class GaugeState(MetricSeriesInfo info, int recentCapacity) : SeriesState(info, recentCapacity)
{
    private double _last;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    protected override double ApplyCore(SampleOp op, double value, long timestampMs)
    {
        _last = op == SampleOp.Add ? _last + value : value;
        _min = Math.Min(_min, _last);
        _max = Math.Max(_max, _last);
        return _last;
    }

    protected override MetricAggregate SnapshotCore(long count, DateTimeOffset last, long nowMs) =>
        new GaugeAggregate(count, last, _last, _min, _max);
}
