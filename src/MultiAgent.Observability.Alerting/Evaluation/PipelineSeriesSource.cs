using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>Reads the metric pipeline through its alerting seam (<c>MetricPipeline.Alerting.cs</c>).</summary>
internal sealed class PipelineSeriesSource(MetricPipeline pipeline) : IRuleSeriesSource
{
    public int SeriesCount => pipeline.AlertingSeriesCount;

    public int RecentCapacity => pipeline.AlertingRecentCapacity;

    public MetricSeriesInfo GetInfo(int index) => pipeline.AlertingInfo(index);

    public bool ReadLast(int index, out long timestampMs, out double value) =>
        pipeline.AlertingReadLast(index, out timestampMs, out value);

    public int ReadRecent(int index, long afterMs, long untilMs, Span<long> times, Span<double> values) =>
        pipeline.AlertingReadRecent(index, afterMs, untilMs, times, values);
}
