namespace MultiAgent.Observability.Metrics;

/// <summary>
/// A counter. Increments add; an observed cumulative value adds its increase over the last observation,
/// and a decrease means the source restarted from zero, so the whole new value is the increase
/// (the rule Prometheus' rate() applies).
/// </summary>
internal sealed class CounterState(MetricSeriesInfo info, int recentCapacity) : SeriesState(info, recentCapacity)
{
    private double _total;
    private double _lastObserved = double.NaN;
    private long _resets;

    protected override double ApplyCore(SampleOp op, double value, long timestampMs)
    {
        if (op == SampleOp.Add)
        {
            _total += value;
        }
        else if (double.IsNaN(_lastObserved))
        {
            _total += value;
            _lastObserved = value;
        }
        else
        {
            if (value < _lastObserved)
            {
                _resets++;
                _total += value;
            }
            else
            {
                _total += value - _lastObserved;
            }

            _lastObserved = value;
        }

        return _total;
    }

    protected override MetricAggregate SnapshotCore(long count, DateTimeOffset last, long nowMs) =>
        new CounterAggregate(count, last, _total, _resets);
}
