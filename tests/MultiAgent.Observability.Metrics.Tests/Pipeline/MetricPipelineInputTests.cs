using Microsoft.Extensions.Logging.Testing;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

public sealed class MetricPipelineInputTests
{
    public static TheoryData<string, string, string, string> InvalidSeries => new()
    {
        { "", "requests", "route", "Agent id must not be empty" },
        { "agent 1", "requests", "route", "' ' at index 5" },
        { "agent-1", "2requests", "route", "'2' at index 0" },
        { "agent-1", "requests-total", "route", "'-' at index 8" },
        { "agent-1", "requests", "ro:ute", "':' at index 2" },
        { "agent-1", "requests", "__route", "reserves" },
        { "agent-1", "requests", "agent_id", "set by the pipeline" },
    };

    [Theory]
    [MemberData(nameof(InvalidSeries))]
    public async Task Record_InvalidNames_ThrowsArgumentExceptionNamingTheProblem(string agent, string metric, string label, string expected)
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var ex = Assert.ThrowsAny<ArgumentException>(() => pipeline.Record(agent, metric, MetricKind.Gauge, 1, KeyValuePair.Create(label, "v")));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, pipeline.GetStatistics().Accepted);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task Add_BadCounterIncrementByStrings_ThrowsOutOfRange(double increment)
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Add("agent-1", "requests", increment));
        Assert.Contains("requests", ex.Message, StringComparison.Ordinal);
        Assert.Contains("agent-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_NaNCounterByStrings_ThrowsOutOfRange()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Record("agent-1", "requests", MetricKind.Counter, double.NaN));
    }

    [Fact]
    public async Task HandlePath_BadValues_CountedAsRejectedOthersUnaffected()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var counter = pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
        var histogram = pipeline.GetSeries("agent-1", "latency", MetricKind.Histogram);
        var gauge = pipeline.GetSeries("agent-1", "temperature", MetricKind.Gauge);

        pipeline.Add(counter, -1);
        pipeline.Add(counter, double.NaN);
        pipeline.Record(counter, double.NaN);
        pipeline.Record(histogram, double.NaN);
        pipeline.Add(histogram, 1);
        pipeline.Add(default, 1);
        pipeline.Add(counter, 1);
        pipeline.Record(gauge, double.NaN);
        await pipeline.FlushAsync();

        var stats = pipeline.GetStatistics();
        Assert.Equal(6, stats.Rejected);
        Assert.Equal(2, stats.Accepted);
        Assert.Equal(1, Assert.IsType<CounterAggregate>(pipeline.GetAggregate(counter)).Value);
        Assert.True(double.IsNaN(Assert.IsType<GaugeAggregate>(pipeline.GetAggregate(gauge)).Last));
    }

    [Fact]
    public async Task HandleFromAnotherPipeline_IsRejectedNotApplied()
    {
        await using var first = PipelineFactory.Create(out _);
        await using var second = PipelineFactory.Create(out _);
        var foreign = first.GetSeries("agent-1", "requests", MetricKind.Counter);
        second.GetSeries("agent-1", "requests", MetricKind.Counter);

        second.Add(foreign, 1);
        await second.FlushAsync();

        Assert.Equal(1, second.GetStatistics().Rejected);
        Assert.Throws<ArgumentException>(() => second.GetAggregate(foreign));
    }

    [Fact]
    public async Task GetSeries_KindConflict_Throws()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        pipeline.GetSeries("agent-1", "requests", MetricKind.Counter);
        var sameSeries = Assert.Throws<ArgumentException>(() => pipeline.GetSeries("agent-1", "requests", MetricKind.Gauge));
        var otherAgent = Assert.Throws<ArgumentException>(() => pipeline.GetSeries("agent-2", "requests", MetricKind.Gauge));
        Assert.Contains("is a Counter", sameSeries.Message, StringComparison.Ordinal);
        Assert.Contains("is a Counter", otherAgent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSeries_DuplicateOrTooManyOrTooLongLabels_Throws()
    {
        await using var pipeline = PipelineFactory.Create(out _, o =>
        {
            o.MaxLabelsPerSeries = 2;
            o.MaxLabelValueLength = 5;
        });
        Assert.Contains("given twice", Assert.Throws<ArgumentException>(() => pipeline.GetSeries("a", "m", MetricKind.Gauge, KeyValuePair.Create("x", "1"), KeyValuePair.Create("x", "2"))).Message, StringComparison.Ordinal);
        Assert.Contains("at most 2", Assert.Throws<ArgumentException>(() => pipeline.GetSeries("a", "m", MetricKind.Gauge, KeyValuePair.Create("x", "1"), KeyValuePair.Create("y", "2"), KeyValuePair.Create("z", "3"))).Message, StringComparison.Ordinal);
        Assert.Contains("at most 5", Assert.Throws<ArgumentException>(() => pipeline.GetSeries("a", "m", MetricKind.Gauge, KeyValuePair.Create("x", "123456"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_InvalidBucketsOrQuantiles_Throws()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        Assert.Contains("increase strictly", Assert.Throws<ArgumentException>(() => pipeline.Describe(new MetricDescription("h", MetricKind.Histogram) { Buckets = [1, 1] })).Message, StringComparison.Ordinal);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => pipeline.Describe(new MetricDescription("h", MetricKind.Histogram) { Buckets = [1, double.PositiveInfinity] })).Message, StringComparison.Ordinal);
        Assert.Contains("not in [0, 1]", Assert.Throws<ArgumentException>(() => pipeline.Describe(new MetricDescription("s", MetricKind.Summary) { Quantiles = [0.5, 1.5] })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSeries_PastCardinalityCap_RefusedCountedLoggedOnce()
    {
        var logger = new FakeLogger<MetricPipeline>();
        await using var pipeline = PipelineFactory.Create(out _, o => o.MaxSeries = 3, logger);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(pipeline.GetSeries($"agent-{i}", "requests", MetricKind.Counter).IsValid);
        }

        var refused = pipeline.GetSeries("agent-9", "requests", MetricKind.Counter);
        pipeline.GetSeries("agent-10", "requests", MetricKind.Counter);
        pipeline.Add(refused, 1);
        pipeline.Add("agent-11", "requests", 1);
        var existing = pipeline.GetSeries("agent-0", "requests", MetricKind.Counter);
        pipeline.Add(existing, 1);
        await pipeline.FlushAsync();

        Assert.False(refused.IsValid);
        var stats = pipeline.GetStatistics();
        Assert.Equal(3, stats.SeriesCount);
        Assert.Equal(3, stats.SeriesRefused);
        Assert.Equal(2, stats.Rejected);
        Assert.Equal(1, stats.Aggregated);
        var capLogs = logger.Collector.GetSnapshot().Where(r => r.Id.Id == 2001).ToList();
        Assert.Single(capLogs);
        Assert.Contains("agent-9", capLogs[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("requests", MetricKind.Counter, "requests_total", MetricKind.Gauge)]
    [InlineData("requests_total", MetricKind.Counter, "requests", MetricKind.Counter)]
    [InlineData("latency", MetricKind.Histogram, "latency_count", MetricKind.Gauge)]
    [InlineData("latency_bucket", MetricKind.Gauge, "latency", MetricKind.Histogram)]
    [InlineData("tokens", MetricKind.Summary, "tokens_sum", MetricKind.Counter)]
    [InlineData("y", MetricKind.Counter, "y_created", MetricKind.Gauge)]
    [InlineData("y_created", MetricKind.Gauge, "y", MetricKind.Counter)]
    [InlineData("y_total", MetricKind.Counter, "y_created", MetricKind.Gauge)]
    [InlineData("latency", MetricKind.Histogram, "latency_created", MetricKind.Gauge)]
    [InlineData("tokens_created", MetricKind.Gauge, "tokens", MetricKind.Summary)]
    public async Task GetSeries_ExposedNameClashesWithAnotherFamily_RefusedBeforeExposition(string first, MetricKind firstKind, string second, MetricKind secondKind)
    {
        await using var pipeline = PipelineFactory.Create(out _);
        pipeline.GetSeries("agent-1", first, firstKind);

        var ex = Assert.Throws<ArgumentException>(() => pipeline.GetSeries("agent-1", second, secondKind));
        Assert.Contains($"'{first}' already uses", ex.Message, StringComparison.Ordinal);
        Assert.Single(pipeline.ListFamilies());
    }

    [Theory]
    [InlineData(MetricKind.Histogram, "le")]
    [InlineData(MetricKind.Summary, "quantile")]
    public async Task GetSeries_ReservedBucketOrQuantileLabel_Throws(MetricKind kind, string label)
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var ex = Assert.Throws<ArgumentException>(() => pipeline.GetSeries("agent-1", "latency", kind, KeyValuePair.Create(label, "1")));
        Assert.Contains("is reserved", ex.Message, StringComparison.Ordinal);
        Assert.True(pipeline.GetSeries("agent-1", "depth", MetricKind.Gauge, KeyValuePair.Create(label, "1")).IsValid);
    }

    [Fact]
    public async Task Describe_DuplicateSummaryQuantiles_ThrowsNamingTheMetric()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var ex = Assert.Throws<ArgumentException>(() => pipeline.Describe(new MetricDescription("tokens", MetricKind.Summary) { Quantiles = [0.5, 0.9, 0.5] }));
        Assert.Contains("'tokens' quantile 0.5 is given twice (at 0 and 2)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(pipeline.ListFamilies());
    }

    [Fact]
    public async Task GetSeries_LabelValuesDifferingOnlyInUnpairedSurrogates_RefusedNamingMetricAndLabel()
    {
        await using var pipeline = PipelineFactory.Create(out _);

        // Both would be written as "a\uFFFD" in UTF-8: two series, one exposed line.
        var high = Assert.Throws<ArgumentException>(() => pipeline.GetSeries("agent-1", "requests", MetricKind.Counter, KeyValuePair.Create("route", "a\uD800")));
        var low = Assert.Throws<ArgumentException>(() => pipeline.GetSeries("agent-1", "requests", MetricKind.Counter, KeyValuePair.Create("route", "a\uDC00b")));

        Assert.Contains("Metric 'requests' label 'route' value has an unpaired surrogate at index 1", high.Message, StringComparison.Ordinal);
        Assert.Contains("at index 1", low.Message, StringComparison.Ordinal);
        Assert.True(pipeline.GetSeries("agent-1", "requests", MetricKind.Counter, KeyValuePair.Create("route", "\uD83D\uDE00")).IsValid);
        Assert.Equal(1, pipeline.GetStatistics().SeriesCount);
    }

    [Fact]
    public async Task GetSeries_NullLabelValue_ArgumentExceptionNamingMetricAndLabel()
    {
        await using var pipeline = PipelineFactory.Create(out _);
        var ex = Assert.Throws<ArgumentException>(() => pipeline.GetSeries("agent-1", "requests", MetricKind.Counter, KeyValuePair.Create("route", (string)null!)));
        Assert.Contains("Metric 'requests' label 'route'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("null value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexOfUnpairedSurrogate_FindsTheFirstOne()
    {
        // Not theory data: lone surrogates do not survive test-case serialization.
        Assert.Equal(1, SeriesValidator.IndexOfUnpairedSurrogate("a\uD800"));
        Assert.Equal(0, SeriesValidator.IndexOfUnpairedSurrogate("\uDC00"));
        Assert.Equal(4, SeriesValidator.IndexOfUnpairedSurrogate("ok\uD83D\uDE00\uD83D"));
        Assert.Equal(-1, SeriesValidator.IndexOfUnpairedSurrogate("\uD83D\uDE00"));
        Assert.Equal(-1, SeriesValidator.IndexOfUnpairedSurrogate(string.Empty));
    }
}
