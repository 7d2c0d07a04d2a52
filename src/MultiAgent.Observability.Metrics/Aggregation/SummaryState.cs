namespace MultiAgent.Observability.Metrics;

/// <summary>
/// A summary: all-time count and sum; quantiles over the observations in the recent ring that are younger
/// than the window age, computed on read by sorting (linear interpolation between closest ranks). Fed by cumulative
/// snapshots scraped from another process instead (<see cref="SampleOp.Snapshot"/>), it adds the increase of the count
/// and sum over the last snapshot (a lower count means the source restarted: the whole snapshot is the increase) and
/// reports the quantiles as given.
/// </summary>
internal sealed class SummaryState(MetricSeriesInfo info, MetricFamily family, int windowCapacity, long maxAgeMs)
    : SeriesState(info, family, windowCapacity)
{
    private double _sum;
    private long _observations;
    private double[]? _quantilesGiven;
    private double _lastSum = double.NaN;
    private double _lastCount;

    public override int SnapshotLength => Family.Quantiles.Length;

    protected override int WindowLength => Math.Max(RecentCapacity, Family.Quantiles.Length);

    internal static double Quantile(ReadOnlySpan<double> sorted, double q)
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

    protected override double ApplyCore(SampleOp op, double value, long timestampMs)
    {
        if (op == SampleOp.Snapshot)
        {
            FoldSnapshot();
            return value;
        }

        _sum += value;
        _observations++;
        return value;
    }

    protected override int ReadCore(long nowMs, ref SeriesReading reading, Span<long> counts, Span<double> window)
    {
        reading.Value = _sum;
        reading.Count = _observations;
        if (_quantilesGiven is { } given)
        {
            reading.QuantilesGiven = true;
            given.CopyTo(window);
            return given.Length;
        }

        return CopyRecentValues(nowMs - maxAgeMs, window);
    }

    protected override void CompleteRead(ref SeriesReading reading, Span<long> counts, Span<double> window, Span<double> quantileValues)
    {
        if (reading.QuantilesGiven)
        {
            window[..reading.WindowCount].CopyTo(quantileValues);
            return;
        }

        var values = window[..reading.WindowCount];
        values.Sort();
        var quantiles = Family.Quantiles;
        for (var i = 0; i < quantiles.Length; i++)
        {
            quantileValues[i] = Quantile(values, quantiles[i]);
        }
    }

    protected override MetricAggregate ToAggregate(in SeriesReading reading, long[] cumulativeCounts, double[] quantileValues)
    {
        var quantiles = Family.Quantiles;
        var result = new KeyValuePair<double, double>[quantiles.Length];
        for (var i = 0; i < quantiles.Length; i++)
        {
            result[i] = new(quantiles[i], quantileValues[i]);
        }

        return new SummaryAggregate(reading.SampleCount, DateTimeOffset.FromUnixTimeMilliseconds(reading.LastSampleMs), reading.Value, reading.Count, result, reading.WindowCount);
    }

    private void FoldSnapshot()
    {
        // The given quantiles replace the previous ones whole; readers copy them inside the sequence lock.
        var given = _quantilesGiven ?? new double[SnapshotLength];
        while (TryTakeSnapshot(given, out var sum, out var count))
        {
            _quantilesGiven = given;
            var reset = double.IsNaN(_lastSum) || count < _lastCount;
            _sum += reset ? sum : sum - _lastSum;
            _observations += (long)Math.Round(reset ? count : count - _lastCount);
            _lastSum = sum;
            _lastCount = count;
        }
    }
}
