using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Metrics.Tests.Exposition;

public sealed class ExpositionSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryRead_EveryKind_SameAsTheReaderAggregate()
    {
        await using var pipeline = await ExpositionFixture.CreatePopulatedAsync(Ct);
        IExpositionSource source = pipeline.ReadSide;
        var value = default(SeriesValue);
        var expected = default(SeriesValue);

        Assert.Equal(pipeline.ListSeries().Count, source.SeriesCount);
        for (var id = 0; id < source.SeriesCount; id++)
        {
            var info = source.GetSeriesInfo(id);
            Assert.True(source.TryRead(id, ref value), info.Name);
            Assert.True(expected.Read(pipeline.GetAggregate(info.Series)));

            Assert.Equal(info.Kind, value.Kind);
            Assert.Equal(expected.Kind, value.Kind);
            if (info.Kind is MetricKind.Counter or MetricKind.Gauge)
            {
                Assert.Equal(expected.Value, value.Value);
                continue;
            }

            Assert.Equal(expected.Sum, value.Sum);
            Assert.Equal(expected.Count, value.Count);
            Assert.Equal(expected.Bounds.AsSpan(0, expected.Length), value.Bounds.AsSpan(0, value.Length));
            Assert.Equal(expected.BucketCounts.AsSpan(0, expected.Length), value.BucketCounts.AsSpan(0, value.Length));
            Assert.Equal(expected.QuantileValues.AsSpan(0, expected.Length), value.QuantileValues.AsSpan(0, value.Length));
        }
    }

    [Fact]
    public async Task TryRead_SeriesWithoutSample_False()
    {
        await using var pipeline = ExpositionFixture.CreatePipeline(out _);
        var series = pipeline.GetSeries("a1", "idle", MetricKind.Histogram);
        IExpositionSource source = pipeline.ReadSide;
        var value = default(SeriesValue);

        Assert.Equal(1, source.SeriesCount);
        Assert.Equal(series, source.GetSeriesInfo(0).Series);
        Assert.False(source.TryRead(0, ref value));
        Assert.Equal("idle", source.GetFamily(0)?.Name);
        Assert.Equal(MetricKind.Histogram, source.GetFamily(0)?.Kind);
    }

    [Fact]
    public async Task For_NoNewSeries_SameLayout_NewSeries_RebuiltWithIt()
    {
        await using var pipeline = ExpositionFixture.CreatePipeline(out _);
        pipeline.Add("b", "jobs", 1);
        pipeline.Add("c", "jobs", 1);
        await pipeline.FlushAsync(Ct);

        var first = ExpositionLayout.For(pipeline.ReadSide);
        pipeline.Add("b", "jobs", 5);
        await pipeline.FlushAsync(Ct);
        var again = ExpositionLayout.For(pipeline.ReadSide);
        pipeline.Add("a", "jobs", 1);
        var rebuilt = ExpositionLayout.For(pipeline.ReadSide);

        Assert.Same(first, again);
        Assert.NotSame(first, rebuilt);
        Assert.Equal(2, first.SeriesInOrder.Length);
        Assert.Equal(3, rebuilt.SeriesInOrder.Length);
        Assert.Equal("agent_id=\"a\"", System.Text.Encoding.UTF8.GetString(rebuilt.LabelsOf(rebuilt.SeriesInOrder[0])));
    }

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText004)]
    [InlineData(ExpositionFormat.OpenMetrics100)]
    public async Task Write_AnotherReader_SameTextAsThePipeline(ExpositionFormat format)
    {
        await using var pipeline = await ExpositionFixture.CreatePopulatedAsync(Ct);

        var text = PrometheusExpositionWriter.Write(new PublicApiOnlyReader(pipeline), format);

        Assert.Equal(PrometheusExpositionWriter.Write(pipeline, format), text);
        Assert.Contains("agent_tokens_count{agent_id=\"beta\"} 100\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_TenTimesTheSeries_NoMoreAllocated()
    {
        // Nothing is allocated per series: a scrape of 1,000 series allocates what a scrape of 100 does.
        var small = await ScrapeAllocationAsync(100);
        var large = await ScrapeAllocationAsync(1_000);

        Assert.True(large <= small + 512, $"100 series: {small} bytes, 1,000 series: {large} bytes");
        Assert.True(large < 8 * 1024, $"{large} bytes for 1,000 series");
    }

    private static async Task<long> ScrapeAllocationAsync(int series)
    {
        await using var pipeline = ExpositionFixture.CreatePipeline(out _);
        for (var i = 0; i < series; i++)
        {
            var family = "family_" + (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var label = KeyValuePair.Create("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            switch (i % 3)
            {
                case 0:
                    pipeline.Add("a1", family + "_c", i, label);
                    break;
                case 1:
                    pipeline.Record("a1", family + "_g", MetricKind.Gauge, i, label);
                    break;
                default:
                    pipeline.Record("a1", family + "_h", MetricKind.Histogram, i, label);
                    break;
            }
        }

        await pipeline.FlushAsync(Ct);

        // Warm up: the layout, the pooled buffers and the serializers are built once.
        await PrometheusExpositionWriter.WriteAsync(pipeline, Stream.Null, ExpositionFormat.PrometheusText004, Ct);
        await PrometheusExpositionWriter.WriteAsync(pipeline, Stream.Null, ExpositionFormat.PrometheusText004, Ct);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var write = PrometheusExpositionWriter.WriteAsync(pipeline, Stream.Null, ExpositionFormat.PrometheusText004, Ct);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Stream.Null completes every write at once, so the whole scrape ran on this thread.
        Assert.True(write.IsCompletedSuccessfully);
        return allocated;
    }

    /// <summary>Exposes only the public <see cref="IMetricReader"/> of a pipeline, so the writer takes its general path.</summary>
    private sealed class PublicApiOnlyReader(IMetricReader inner) : IMetricReader
    {
        public IReadOnlyList<MetricSeriesInfo> ListSeries() => inner.ListSeries();

        public IReadOnlyList<MetricDescription> ListFamilies() => inner.ListFamilies();

        public MetricSeriesInfo GetInfo(in MetricSeries series) => inner.GetInfo(series);

        public MetricAggregate? GetAggregate(in MetricSeries series) => inner.GetAggregate(series);

        public IReadOnlyList<MetricPoint> GetRecentValues(in MetricSeries series, DateTimeOffset windowStart, DateTimeOffset windowEnd) =>
            inner.GetRecentValues(series, windowStart, windowEnd);

        public IReadOnlyList<MetricSample> GetHistory() => inner.GetHistory();

        public MetricPipelineStatistics GetStatistics() => inner.GetStatistics();

        public Task FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
    }
}
