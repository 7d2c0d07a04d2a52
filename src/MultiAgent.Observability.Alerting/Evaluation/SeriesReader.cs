using MultiAgent.Observability.Alerting.Expressions;

namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// Computes a selector's value for one indexed series at an evaluation time: the newest sample within the lookback,
/// a range function over the window, or presence in the window. Reads into its own buffers, allocating nothing.
/// Used under the engine's lock only.
/// </summary>
internal sealed class SeriesReader
{
    private readonly IRuleSeriesSource _source;
    private readonly long _lookbackMs;
    private readonly long[] _times;
    private readonly double[] _values;

    public SeriesReader(IRuleSeriesSource source, TimeSpan lookbackDelta)
    {
        _source = source;
        _lookbackMs = (long)lookbackDelta.TotalMilliseconds;
        _times = new long[Math.Max(2, source.RecentCapacity)];
        _values = new double[_times.Length];
    }

    /// <summary>Reads <paramref name="expression"/>'s selector (and function) for <paramref name="entry"/> at <paramref name="ts"/>; false when there is no data.</summary>
    public bool Observe(RuleExpression expression, IndexedSeries entry, long ts, out double value)
    {
        value = double.NaN;
        switch (expression.Function)
        {
            case ExpressionFunction.Instant or ExpressionFunction.Absent:
                if (entry.Part == SeriesPart.Value && _source.ReadLast(entry.Series, out var lastMs, out var last) && lastMs > ts - _lookbackMs && lastMs <= ts)
                {
                    value = last;
                    return !double.IsNaN(value);
                }

                // The newest sample may be later than ts (an evaluation of the past): look in the ring.
                var found = Read(entry, ts - _lookbackMs, ts, _times.Length);
                if (found == 0)
                {
                    return false;
                }

                value = _values[found - 1];
                return !double.IsNaN(value);
            case ExpressionFunction.AbsentOverTime:
                return Read(entry, ts - (long)expression.Window.TotalMilliseconds, ts, 1) > 0;
            default:
                var start = ts - (long)expression.Window.TotalMilliseconds;
                var n = Read(entry, start, ts, _times.Length);
                var times = _times.AsSpan(0, n);
                var values = _values.AsSpan(0, n);
                value = expression.Function switch
                {
                    ExpressionFunction.Rate => RangeFunctions.ExtrapolatedRate(times, values, start, ts, isCounter: true, isRate: true),
                    ExpressionFunction.Increase => RangeFunctions.ExtrapolatedRate(times, values, start, ts, isCounter: true, isRate: false),
                    ExpressionFunction.Delta => RangeFunctions.ExtrapolatedRate(times, values, start, ts, isCounter: false, isRate: false),
                    _ => RangeFunctions.Deriv(times, values),
                };
                return !double.IsNaN(value);
        }
    }

    /// <summary>Reads what a scrape at <paramref name="ts"/> would return: the newest value at or before it, however old (counters keep their total).</summary>
    public bool ValueAt(IndexedSeries entry, long ts, out double value)
    {
        value = double.NaN;
        if (entry.Part == SeriesPart.Value && _source.ReadLast(entry.Series, out var lastMs, out var last) && lastMs <= ts)
        {
            value = last;
            return !double.IsNaN(value);
        }

        var found = Read(entry, long.MinValue, ts, 1);
        if (found == 0)
        {
            return false;
        }

        value = _values[found - 1];
        return !double.IsNaN(value);
    }

    private int Read(IndexedSeries entry, long afterMs, long untilMs, int room)
    {
        if (entry.Part == SeriesPart.Value)
        {
            return _source.ReadRecent(entry.Series, afterMs, untilMs, _times.AsSpan(0, room), _values.AsSpan(0, room));
        }

        // A histogram part is rebuilt from the observations, so it needs all of them after the window start.
        return _source.ReadHistogram(entry.Series, entry.Part, entry.Bucket, afterMs, untilMs, _times, _values);
    }
}
