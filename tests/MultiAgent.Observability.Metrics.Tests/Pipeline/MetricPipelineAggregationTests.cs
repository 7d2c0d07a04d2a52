using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

public sealed class MetricPipelineAggregationTests
{
    [Fact]
    public async Task Add_Counter_SumsIncrements()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var series = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter, KeyValuePair.Create("route", "/a"));
        pipeline.Add(series, 2);
        pipeline.Add(series, 3.5);
        pipeline.Add("agent-1", "requests", 1, KeyValuePair.Create("route", "/a"));
        await pipeline.FlushAsync();

        var counter = Assert.IsType<CounterAggregate>(pipeline.GetAggregate(series));
        Assert.Equal(6.5, counter.Value);
        Assert.Equal(3, counter.SampleCount);
        Assert.Equal(0, counter.Resets);
    }

    [Fact]
    public async Task Record_CounterCumulativeWithReset_CountsIncreaseAcrossReset()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var series = pipeline.GetSeries("agent-1", "network_bytes_sent", MetricKind.Counter);
        foreach (var observed in new double[] { 100, 150, 160, 20, 50 })
        {
            pipeline.Record(series, observed);
        }

        await pipeline.FlushAsync();

        // 100 (first observation) + 50 + 10, then the source restarted: + 20 + 30.
        var counter = Assert.IsType<CounterAggregate>(pipeline.GetAggregate(series));
        Assert.Equal(210, counter.Value);
        Assert.Equal(1, counter.Resets);
    }

    [Fact]
    public async Task Record_Gauge_KeepsLastMinMax()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var series = pipeline.GetSeries("agent-1", "queue_depth", MetricKind.Gauge);
        pipeline.Record(series, 5);
        pipeline.Record(series, -2);
        pipeline.Record(series, 9);
        pipeline.Add(series, -4);
        await pipeline.FlushAsync();

        var gauge = Assert.IsType<GaugeAggregate>(pipeline.GetAggregate(series));
        Assert.Equal(5, gauge.Last);
        Assert.Equal(-2, gauge.Min);
        Assert.Equal(9, gauge.Max);
        Assert.Equal(4, gauge.SampleCount);
    }

    [Fact]
    public async Task Record_Histogram_CumulativeBucketsEndWithCount()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        pipeline.Describe(new MetricDescription("latency_seconds", MetricKind.Histogram) { Buckets = [0.1, 1, 10] });
        var series = pipeline.GetSeries("agent-1", "latency_seconds", MetricKind.Histogram);
        foreach (var value in new[] { 0.05, 0.1, 0.5, 2, 20, 0.2 })
        {
            pipeline.Record(series, value);
        }

        await pipeline.FlushAsync();

        var histogram = Assert.IsType<HistogramAggregate>(pipeline.GetAggregate(series));
        Assert.Equal([0.1, 1, 10, double.PositiveInfinity], histogram.UpperBounds);
        Assert.Equal([2L, 4, 5, 6], histogram.CumulativeCounts);
        Assert.Equal(6, histogram.Count);
        Assert.Equal(histogram.Count, histogram.CumulativeCounts[^1]);
        Assert.Equal(22.85, histogram.Sum, 10);
    }

    [Fact]
    public async Task Record_Summary_QuantilesOverSlidingWindow()
    {
        await using var pipeline = PipelineFactory.Create(out var time, o => o.SummaryMaxAge = TimeSpan.FromMinutes(1));
        var series = pipeline.GetSeries("agent-1", "tokens", MetricKind.Summary);
        for (var i = 1; i <= 100; i++)
        {
            pipeline.Record(series, 1000 + i);
        }

        time.Advance(TimeSpan.FromMinutes(2));
        for (var i = 1; i <= 101; i++)
        {
            pipeline.Record(series, i);
        }

        await pipeline.FlushAsync();

        var summary = Assert.IsType<SummaryAggregate>(pipeline.GetAggregate(series));
        Assert.Equal(201, summary.Count);
        Assert.Equal(101, summary.WindowCount);
        Assert.Equal(51, summary.Quantiles[0].Value);
        Assert.Equal(0.5, summary.Quantiles[0].Key);
        Assert.Equal(91, summary.Quantiles[1].Value);
        Assert.Equal(100, summary.Quantiles[2].Value);
    }

    [Fact]
    public async Task GetRecentValues_TimeWindow_ReturnsOnlyValuesInside()
    {
        await using var pipeline = PipelineFactory.Create(out var time, o => o.RecentValuesPerSeries = 4);
        var series = pipeline.GetSeries("agent-1", "cpu", MetricKind.Gauge);
        for (var i = 0; i < 6; i++)
        {
            pipeline.Record(series, i);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        await pipeline.FlushAsync();

        var start = PipelineFactory.Start;
        var window = pipeline.GetRecentValues(series, start.AddSeconds(25), start.AddSeconds(45));
        Assert.Equal([3.0, 4.0], window.Select(p => p.Value));
        Assert.Equal(start.AddSeconds(30), window[0].Timestamp);

        // Only the 4 newest are kept.
        var all = pipeline.GetRecentValues(series, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal([2.0, 3.0, 4.0, 5.0], all.Select(p => p.Value));
    }

    [Fact]
    public async Task GetHistory_MoreSamplesThanCapacity_KeepsNewestInOrder()
    {
        await using var pipeline = PipelineFactory.Create(out _, o => o.HistoryCapacity = 10);
        var series = pipeline.GetSeries("agent-1", "cpu", MetricKind.Gauge);
        for (var i = 0; i < 25; i++)
        {
            pipeline.Record(series, i);
        }

        await pipeline.FlushAsync();

        var history = pipeline.GetHistory();
        Assert.Equal(Enumerable.Range(15, 10).Select(i => (double)i), history.Select(s => s.Value));
        Assert.All(history, s => Assert.Equal(series, s.Series));
    }

    [Fact]
    public async Task GetHistory_DefaultCapacity_IsTheOriginals10000()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var series = pipeline.GetSeries("agent-1", "cpu", MetricKind.Gauge);
        for (var i = 0; i < 12_000; i++)
        {
            pipeline.Record(series, i);
        }

        await pipeline.FlushAsync();

        var history = pipeline.GetHistory();
        Assert.Equal(10_000, history.Count);
        Assert.Equal(2_000, history[0].Value);
    }

    [Fact]
    public async Task ListSeries_LabelsInAnyOrder_SameSeriesSortedLabels()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var a = pipeline.GetSeries("agent-1", "tokens", MetricKind.Counter, KeyValuePair.Create("model", "m1"), KeyValuePair.Create("direction", "in"));
        var b = pipeline.GetSeries("agent-1", "tokens", MetricKind.Counter, KeyValuePair.Create("direction", "in"), KeyValuePair.Create("model", "m1"));
        var c = pipeline.GetSeries("agent-1", "tokens", MetricKind.Counter, KeyValuePair.Create("direction", "out"), KeyValuePair.Create("model", "m1"));
        pipeline.GetSeries("agent-0", "tokens", MetricKind.Counter);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var infos = pipeline.ListSeries();
        Assert.Equal(3, infos.Count);
        Assert.Equal("agent-0", infos[0].AgentId);
        Assert.Equal(["direction", "model"], pipeline.GetInfo(a).Labels.Select(l => l.Key));
    }
}
