namespace MultiAgent.Observability.Metrics;

/// <summary>
/// A histogram with its family's fixed bucket bounds; counts are kept per bucket and made cumulative on read. Fed by
/// observations, or by cumulative snapshots scraped from another process (<see cref="SampleOp.Snapshot"/>), which add
/// their increase over the last snapshot; a decrease of the count or of any bucket means the source restarted, and the
/// whole snapshot is the increase (the rule counters follow).
/// </summary>
internal sealed class HistogramState : SeriesState
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;
    private long _observations;
    private double[]? _snapshot;
    private double[]? _lastSnapshot;
    private double _lastSum;
    private double _lastCount;

    public HistogramState(MetricSeriesInfo info, MetricFamily family, int recentCapacity)
        : base(info, family, recentCapacity)
    {
        _bounds = family.Buckets;
        _counts = new long[_bounds.Length + 1];
    }

    public override int SnapshotLength => _counts.Length;

    protected override double ApplyCore(SampleOp op, double value, long timestampMs)
    {
        if (op == SampleOp.Snapshot)
        {
            FoldSnapshot();
            return value;
        }

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

    /// <summary>Folds every snapshot staged so far, oldest first.</summary>
    private void FoldSnapshot()
    {
        var snapshot = _snapshot ??= new double[_counts.Length];
        while (TryTakeSnapshot(snapshot, out var sum, out var count))
        {
            Fold(snapshot, sum, count);
        }
    }

    private void Fold(double[] snapshot, double sum, double count)
    {
        var last = _lastSnapshot;
        var reset = last is not null && (count < _lastCount || Decreased(snapshot, last));
        var previous = 0.0;
        for (var i = 0; i < snapshot.Length; i++)
        {
            var increase = last is null || reset ? snapshot[i] : snapshot[i] - last[i];
            _counts[i] += (long)Math.Round(increase - previous);
            previous = increase;
        }

        _sum += last is null || reset ? sum : sum - _lastSum;
        _observations += (long)Math.Round(last is null || reset ? count : count - _lastCount);
        snapshot.CopyTo(_lastSnapshot ??= new double[snapshot.Length], 0);
        _lastSum = sum;
        _lastCount = count;
    }

    /// <summary>Whether any bucket's own count (not its cumulative one) went down.</summary>
    private static bool Decreased(double[] snapshot, double[] last)
    {
        for (var i = 0; i < snapshot.Length; i++)
        {
            var own = i == 0 ? snapshot[0] : snapshot[i] - snapshot[i - 1];
            var lastOwn = i == 0 ? last[0] : last[i] - last[i - 1];
            if (own < lastOwn)
            {
                return true;
            }
        }

        return false;
    }
}
