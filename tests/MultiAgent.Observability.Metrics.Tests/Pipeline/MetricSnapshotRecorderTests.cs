using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

/// <summary>Cumulative histogram and summary snapshots, and series retirement, through the pipeline.</summary>
public sealed class MetricSnapshotRecorderTests
{
    private static readonly double[] Bounds = [0.1, 1];

    [Fact]
    public async Task RecordHistogram_Snapshots_AddTheirIncreaseAndRestartFromZeroOnAReset()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        pipeline.Describe(new MetricDescription("rpc_seconds", MetricKind.Histogram) { Buckets = Bounds });
        var series = pipeline.GetSeries("a", "rpc_seconds", MetricKind.Histogram);

        Assert.True(pipeline.RecordHistogram(series, Bounds, [3, 8, 10], 5, 10));
        Assert.True(pipeline.RecordHistogram(series, Bounds, [5, 12, 15], 8, 15));
        Assert.True(pipeline.RecordHistogram(series, Bounds, [1, 3, 4], 2, 4));
        await pipeline.FlushAsync(TestContext.Current.CancellationToken);

        var histogram = Assert.IsType<HistogramAggregate>(pipeline.GetAggregate(series));
        Assert.Equal([6L, 15, 19], histogram.CumulativeCounts);
        Assert.Equal(19, histogram.Count);
        Assert.Equal(10, histogram.Sum, 10);
        Assert.Equal(3, histogram.SampleCount);
    }

    [Fact]
    public async Task RecordHistogram_InvalidSnapshots_AreRefusedAndCounted()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        pipeline.Describe(new MetricDescription("rpc_seconds", MetricKind.Histogram) { Buckets = Bounds });
        var series = pipeline.GetSeries("a", "rpc_seconds", MetricKind.Histogram);
        var gauge = pipeline.GetSeries("a", "g", MetricKind.Gauge);

        Assert.False(pipeline.RecordHistogram(series, [0.5, 1], [3, 8, 10], 5, 10));
        Assert.False(pipeline.RecordHistogram(series, Bounds, [3, 8], 5, 8));
        Assert.False(pipeline.RecordHistogram(series, Bounds, [9, 8, 10], 5, 10));
        Assert.False(pipeline.RecordHistogram(series, Bounds, [3, 8, 10], 5, 11));
        Assert.False(pipeline.RecordHistogram(series, Bounds, [3, 8, 10], double.NaN, 10));
        Assert.False(pipeline.RecordHistogram(gauge, Bounds, [3, 8, 10], 5, 10));
        await pipeline.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(6, pipeline.GetStatistics().Rejected);
        Assert.Null(pipeline.GetAggregate(series));
    }

    [Fact]
    public async Task RecordSummary_Snapshots_ReportQuantilesAsGiven()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        pipeline.Describe(new MetricDescription("gc_seconds", MetricKind.Summary) { Quantiles = [0, 0.5, 1] });
        var series = pipeline.GetSeries("a", "gc_seconds", MetricKind.Summary);

        Assert.True(pipeline.RecordSummary(series, [0, 0.5, 1], [0.1, 0.2, 0.9], 40, 10));
        Assert.True(pipeline.RecordSummary(series, [0, 0.5, 1], [0.1, 0.3, 1.5], 60, 16));
        Assert.False(pipeline.RecordSummary(series, [0.5, 0.9, 1], [0.1, 0.3, 1.5], 60, 16));
        await pipeline.FlushAsync(TestContext.Current.CancellationToken);

        var summary = Assert.IsType<SummaryAggregate>(pipeline.GetAggregate(series));
        Assert.Equal(16, summary.Count);
        Assert.Equal(60, summary.Sum);
        Assert.Equal(new KeyValuePair<double, double>[] { new(0, 0.1), new(0.5, 0.3), new(1, 1.5) }, summary.Quantiles);
        Assert.Contains("gc_seconds{agent_id=\"a\",quantile=\"1\"} 1.5\n", PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.PrometheusText004), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retire_Series_LeavesEveryViewAndFreesItsPlaceUnderTheCap()
    {
        await using var pipeline = PipelineFactory.Create(out _, o => o.MaxSeries = 3);
        var kept = pipeline.GetSeries("a", "kept", MetricKind.Gauge);
        var retired = pipeline.GetSeries("a", "gone", MetricKind.Gauge, new KeyValuePair<string, string>("x", "1"));
        var third = pipeline.GetSeries("a", "gone", MetricKind.Gauge, new KeyValuePair<string, string>("x", "2"));
        pipeline.Record(kept, 1);
        pipeline.Record(retired, 2);
        pipeline.Record(third, 3);
        await pipeline.FlushAsync(TestContext.Current.CancellationToken);
        Assert.False(pipeline.GetSeries("a", "refused", MetricKind.Gauge).IsValid);
        Assert.Contains("x=\"1\"", PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.PrometheusText004), StringComparison.Ordinal);

        Assert.True(pipeline.Retire(retired));
        Assert.False(pipeline.Retire(retired));
        pipeline.Record(retired, 4);
        await pipeline.FlushAsync(TestContext.Current.CancellationToken);

        var statistics = pipeline.GetStatistics();
        Assert.Equal(2, statistics.SeriesCount);
        Assert.Equal(1, statistics.SeriesRetired);
        Assert.Equal(statistics.Accepted, statistics.Aggregated + statistics.Dropped);
        Assert.Null(pipeline.GetAggregate(retired));
        var copy = retired;
        Assert.Throws<ArgumentException>(() => { _ = pipeline.GetInfo(copy); });
        Assert.DoesNotContain(pipeline.ListSeries(), s => s.Series == retired);
        Assert.DoesNotContain(pipeline.GetHistory(), s => s.Series == retired);
        var text = PrometheusExpositionWriter.Write(pipeline, ExpositionFormat.PrometheusText004);
        Assert.DoesNotContain("x=\"1\"", text, StringComparison.Ordinal);
        Assert.Contains("gone{agent_id=\"a\",x=\"2\"} 3\n", text, StringComparison.Ordinal);

        // Its place under the cap is free, and the same identity is a new series.
        Assert.True(pipeline.GetSeries("a", "refused", MetricKind.Gauge).IsValid);
        Assert.NotEqual(retired, pipeline.GetSeries("a", "gone", MetricKind.Gauge, new KeyValuePair<string, string>("x", "1")));
    }

    [Fact]
    public async Task Retire_ManySeries_ReleasesTheirMemory()
    {
        await using var pipeline = PipelineFactory.Create(out _, o => o.RecentValuesPerSeries = 1_000);
        var handles = new MetricSeries[2_000];
        for (var i = 0; i < handles.Length; i++)
        {
            handles[i] = pipeline.GetSeries("a", "churn", MetricKind.Gauge, new KeyValuePair<string, string>("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var live = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var handle in handles)
        {
            pipeline.Retire(handle);
        }

        var released = live - GC.GetTotalMemory(forceFullCollection: true);

        // Each series held two rings of 1,000 entries (16 KB); what stays per retired id is one array slot.
        Assert.True(released > handles.Length * 15_000L, $"{released} bytes released");
    }
}
