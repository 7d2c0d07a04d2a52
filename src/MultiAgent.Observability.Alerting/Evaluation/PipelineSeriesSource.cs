using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>Reads the metric pipeline's series by index through its read side, into caller buffers, allocating nothing.</summary>
internal sealed class PipelineSeriesSource(MetricPipeline pipeline, int recentCapacity) : IRuleSeriesSource
{
    // Histograms with more buckets than this are read into a heap buffer (bucket lists are short in practice).
    private const int StackBuckets = 64;
    private const int MaxAttempts = 8;

    private readonly ReadSide _read = pipeline.ReadSide;

    public int SeriesCount => _read.SeriesCount;

    public int RecentCapacity => recentCapacity;

    public MetricSeriesInfo GetInfo(int index) => _read.Series(index).Info;

    public ReadOnlySpan<double> GetBuckets(int index) => _read.Series(index).Family.Buckets;

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

    /// <summary>
    /// The recent ring keeps a histogram's observations; the aggregate keeps its totals. Read both, and again if an
    /// observation arrived in between, then walk back from the totals, undoing one observation per step.
    /// </summary>
    public int ReadHistogram(int index, SeriesPart part, int bucket, long afterMs, long untilMs, Span<long> times, Span<double> values)
    {
        var series = _read.Series(index);
        if (series.Info.Kind != MetricKind.Histogram)
        {
            return 0;
        }

        var length = series.Family.Buckets.Length + 1;
        Span<long> counts = length <= StackBuckets ? stackalloc long[StackBuckets] : new long[length];
        counts = counts[..length];
        var bound = bucket < series.Family.Buckets.Length ? series.Family.Buckets[bucket] : double.PositiveInfinity;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var reading = default(SeriesReading);
            if (!_read.Read(series, ref reading, counts, default))
            {
                return 0;
            }

            var total = part switch
            {
                SeriesPart.Count => reading.Count,
                SeriesPart.Sum => reading.Value,
                _ => counts[Math.Min(bucket, length - 1)],
            };
            var n = series.CopyRecent(afterMs, long.MaxValue, times, values);
            var check = default(SeriesReading);
            if (!_read.Read(series, ref check, counts, default) || check.SampleCount != reading.SampleCount)
            {
                continue;
            }

            var inWindow = 0;
            for (var i = n - 1; i >= 0; i--)
            {
                var observed = values[i];
                values[i] = total;
                total -= part switch
                {
                    SeriesPart.Count => 1,
                    SeriesPart.Sum => observed,

                    // The histogram puts an observation in the first bucket it is not above.
                    _ => observed > bound ? 0 : 1,
                };
                if (times[i] <= untilMs)
                {
                    inWindow = Math.Max(inWindow, i + 1);
                }
            }

            return inWindow;
        }

        return 0;
    }
}
