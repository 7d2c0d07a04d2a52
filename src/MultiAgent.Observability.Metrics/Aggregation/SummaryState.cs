namespace MultiAgent.Observability.Metrics;

/// <summary>
/// A summary: all-time count and sum; quantiles over the observations in the recent ring that are younger
/// than the window age, computed on read by sorting (linear interpolation between closest ranks).
/// </summary>
internal sealed class SummaryState(MetricSeriesInfo info, int windowCapacity, double[] quantiles, long maxAgeMs)
    : SeriesState(info, windowCapacity)
{
    private double _sum;
    private long _observations;

    protected override double ApplyCore(SampleOp op, double value, long timestampMs)
    {
        _sum += value;
        _observations++;
        return value;
    }

    protected override MetricAggregate SnapshotCore(long count, DateTimeOffset last, long nowMs)
    {
        var window = new List<MetricPoint>();
        CopyRecent(nowMs - maxAgeMs, long.MaxValue, window);
        var values = new double[window.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = window[i].Value;
        }

        Array.Sort(values);
        var result = new KeyValuePair<double, double>[quantiles.Length];
        for (var i = 0; i < quantiles.Length; i++)
        {
            result[i] = new(quantiles[i], Quantile(values, quantiles[i]));
        }

        return new SummaryAggregate(count, last, _sum, _observations, result, values.Length);
    }

    internal static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }
}
