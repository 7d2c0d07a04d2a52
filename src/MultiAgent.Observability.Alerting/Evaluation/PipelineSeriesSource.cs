using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>Reads the metric pipeline's series by index through its read side, into caller buffers, allocating nothing.</summary>
internal sealed class PipelineSeriesSource(MetricPipeline pipeline, int recentCapacity) : IRuleSeriesSource
{
    private readonly ReadSide _read = pipeline.ReadSide;

    public int SeriesCount => _read.SeriesCount;

    public int RecentCapacity => recentCapacity;

    public MetricSeriesInfo GetInfo(int index) => _read.Series(index).Info;

    /// <summary>Reads a counter's total or a gauge's last value with its time; a histogram or summary reads as NaN.</summary>
    public bool ReadLast(int index, out long timestampMs, out double value)
    {
        var series = _read.Series(index);
        if (series.Info.Kind is not (MetricKind.Counter or MetricKind.Gauge))
        {
            timestampMs = 0;
            value = double.NaN;
            return series.CopyRecent(long.MinValue, long.MaxValue, stackalloc long[1], stackalloc double[1]) > 0;
        }

        var reading = default(SeriesReading);
        var read = _read.Read(series, ref reading, default, default);
        timestampMs = reading.LastSampleMs;
        value = reading.Value;
        return read;
    }

    public int ReadRecent(int index, long afterMs, long untilMs, Span<long> times, Span<double> values) =>
        _read.Series(index).CopyRecent(afterMs, untilMs, times, values);
}
