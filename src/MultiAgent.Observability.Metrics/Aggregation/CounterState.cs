namespace MultiAgent.Observability.Metrics;

/// <summary>
/// A counter. Increments add; an observed cumulative value adds its increase over the last observation,
/// and a decrease means the source restarted from zero, so the whole new value is the increase
/// (the rule Prometheus' rate() applies).
/// </summary>
internal sealed class CounterState(MetricSeriesInfo info, MetricFamily family, int recentCapacity) : SeriesState(info, family, recentCapacity)
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

    protected override int ReadCore(long nowMs, ref SeriesReading reading, Span<long> counts, Span<double> window)
    {
        reading.Value = _total;
        reading.Resets = _resets;
        return 0;
    }

    protected override MetricAggregate ToAggregate(in SeriesReading reading, long[] cumulativeCounts, double[] quantileValues) =>
        new CounterAggregate(reading.SampleCount, DateTimeOffset.FromUnixTimeMilliseconds(reading.LastSampleMs), reading.Value, reading.Resets);
}
