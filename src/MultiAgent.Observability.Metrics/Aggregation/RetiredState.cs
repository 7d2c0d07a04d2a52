namespace MultiAgent.Observability.Metrics;

/// <summary>
/// What the slot of a retired series holds: one shared placeholder per table, so the retired series' state, recent
/// values and labels are released while its id keeps meaning "nothing" (ids are never reused: readers cache them).
/// </summary>
internal sealed class RetiredState(MetricSeriesInfo info, MetricFamily family) : SeriesState(info, family, 1, retired: true)
{
    protected override double ApplyCore(SampleOp op, double value, long timestampMs) => value;

    protected override int ReadCore(long nowMs, ref SeriesReading reading, Span<long> counts, Span<double> window) => 0;

    protected override MetricAggregate ToAggregate(in SeriesReading reading, long[] cumulativeCounts, double[] quantileValues) =>
        throw new InvalidOperationException("A retired series has no aggregate.");
}
