using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Metrics.Exposition;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Collection.Tests;

/// <summary>What a target's scraped samples become in the pipeline: kinds, snapshots, staleness and retirement, the JSON cache.</summary>
public sealed class TargetSeriesTests : IAsyncLifetime
{
    private static readonly TimeSpan RetireAfter = TimeSpan.FromMinutes(5);

    private readonly ExpositionParser _parser = new();
    private CollectionHarness _harness = null!;
    private TargetSeries _series = null!;

    public ValueTask InitializeAsync()
    {
        _harness = new CollectionHarness();
        _series = new TargetSeries(
            _harness.Services.GetRequiredService<IMetricRecorder>(), _harness.Services.GetRequiredService<IMetricSnapshotRecorder>(), "a", 10_000, RetireAfter);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Commit_HistogramAndSummary_LandWithTheirKindAndAreExposedAsSuch()
    {
        var nodeExporter = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "node-exporter-1.5.txt"), TestContext.Current.CancellationToken);

        await ScrapeAsync(nodeExporter + Histogram(3, 8, 10, 5));

        // The one refusal: node-exporter serves gauge go_memstats_alloc_bytes and counter go_memstats_alloc_bytes_total,
        // which the pipeline would expose under one family name.
        Assert.Equal(1, _series.Refused);
        Assert.Contains("go_memstats_alloc_bytes", _series.FirstRefusal, StringComparison.Ordinal);
        Assert.Equal(MetricKind.Histogram, _harness.Find("a", "rpc_seconds")!.Kind);
        Assert.Equal(MetricKind.Summary, _harness.Find("a", "go_gc_duration_seconds")!.Kind);
        Assert.Null(_harness.Find("a", "rpc_seconds_bucket"));
        Assert.Null(_harness.Find("a", "go_gc_duration_seconds_count"));
        var text = PrometheusExpositionWriter.Write(_harness.Reader, ExpositionFormat.PrometheusText004);
        Assert.Contains("# TYPE rpc_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("rpc_seconds_bucket{agent_id=\"a\",method=\"get\",le=\"0.1\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("rpc_seconds_bucket{agent_id=\"a\",method=\"get\",le=\"+Inf\"} 10\n", text, StringComparison.Ordinal);
        Assert.Contains("rpc_seconds_count{agent_id=\"a\",method=\"get\"} 10\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("_bucket_total", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE go_gc_duration_seconds summary\n", text, StringComparison.Ordinal);
        Assert.Contains("go_gc_duration_seconds{agent_id=\"a\",quantile=\"0.5\"} 0\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("go_gc_duration_seconds_count_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_HistogramAndCounterAcrossTargetRestart_FollowTheResetRule()
    {
        await ScrapeAsync(Histogram(3, 8, 10, 5) + "# TYPE jobs_total counter\njobs_total 100\n");
        await ScrapeAsync(Histogram(5, 12, 15, 8) + "# TYPE jobs_total counter\njobs_total 150\n");
        await ScrapeAsync(Histogram(1, 3, 4, 2) + "# TYPE jobs_total counter\njobs_total 20\n");

        var histogram = Assert.IsType<HistogramAggregate>(Aggregate("rpc_seconds"));
        Assert.Equal([6L, 15, 19], histogram.CumulativeCounts);
        Assert.Equal(19, histogram.Count);
        Assert.Equal(10, histogram.Sum, 10);
        var counter = Assert.IsType<CounterAggregate>(Aggregate("jobs_total"));
        Assert.Equal(170, counter.Value);
        Assert.Equal(1, counter.Resets);
    }

    [Fact]
    public async Task Commit_SummaryAcrossTargetRestart_KeepsGivenQuantilesAndFollowsTheResetRule()
    {
        await ScrapeAsync(Summary(0.2, 0.9, 40, 10));
        await ScrapeAsync(Summary(0.3, 1.1, 60, 16));
        await ScrapeAsync(Summary(0.25, 0.5, 5, 2));

        var summary = Assert.IsType<SummaryAggregate>(Aggregate("latency_seconds"));
        Assert.Equal(18, summary.Count);
        Assert.Equal(65, summary.Sum, 10);
        Assert.Equal(new KeyValuePair<double, double>[] { new(0.5, 0.25), new(0.99, 0.5) }, summary.Quantiles);
    }

    [Fact]
    public async Task Commit_HistogramWithOtherBucketsLater_IsRefusedAndCounted()
    {
        await ScrapeAsync(Histogram(3, 8, 10, 5));

        await ScrapeAsync("# TYPE rpc_seconds histogram\nrpc_seconds_bucket{method=\"get\",le=\"0.5\"} 1\nrpc_seconds_bucket{method=\"get\",le=\"+Inf\"} 11\nrpc_seconds_sum{method=\"get\"} 6\nrpc_seconds_count{method=\"get\"} 11\n");

        Assert.Equal(1, _series.Refused);
        Assert.Contains("bucket (0.5) its first scrape did not have", _series.FirstRefusal, StringComparison.Ordinal);
        Assert.Equal(10, Assert.IsType<HistogramAggregate>(Aggregate("rpc_seconds")).Count);
    }

    [Fact]
    public async Task Sweep_SeriesMissingForTheRetirePeriod_AreRetiredFromEveryView()
    {
        await ScrapeAsync("# TYPE g gauge\ng 1\n# TYPE c counter\nc_total 4\n" + Histogram(3, 8, 10, 5) + "# TYPE kept gauge\nkept 1\n");
        var before = _harness.Reader.GetStatistics();
        var gauge = _harness.Find("a", "g")!.Series;

        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        await ScrapeAsync("# TYPE kept gauge\nkept 2\n");

        // Missing for less than the period: the gauge is stale, every series is still there.
        Assert.True(double.IsNaN(Assert.IsType<GaugeAggregate>(_harness.Reader.GetAggregate(gauge)).Last));
        Assert.Equal(before.SeriesCount, _harness.Reader.GetStatistics().SeriesCount);
        Assert.Equal(0, _series.Retired);

        _harness.Time.Advance(RetireAfter);
        await ScrapeAsync("# TYPE kept gauge\nkept 3\n");

        var after = _harness.Reader.GetStatistics();
        Assert.Equal(3, _series.Retired);
        Assert.Equal(before.SeriesCount - 3, after.SeriesCount);
        Assert.Equal(3, after.SeriesRetired);
        Assert.Equal(after.Accepted, after.Aggregated + after.Dropped);
        Assert.Equal(1, _series.CachedSeries);
        Assert.Equal(["kept"], _harness.Reader.ListSeries().Where(s => s.AgentId == "a").Select(s => s.Name));
        Assert.Null(_harness.Reader.GetAggregate(gauge));
        var text = PrometheusExpositionWriter.Write(_harness.Reader, ExpositionFormat.PrometheusText004);
        Assert.DoesNotContain("rpc_seconds", text, StringComparison.Ordinal);
        Assert.DoesNotContain("g{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("c_total", text, StringComparison.Ordinal);
        Assert.Contains("kept{agent_id=\"a\"} 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_SeriesBackWithinThePeriod_KeepsItsSeries()
    {
        await ScrapeAsync("# TYPE g gauge\ng 1\n");
        var gauge = _harness.Find("a", "g")!.Series;
        _harness.Time.Advance(TimeSpan.FromMinutes(4));
        await ScrapeAsync("# TYPE other gauge\nother 1\n");

        _harness.Time.Advance(TimeSpan.FromMinutes(4));
        await ScrapeAsync("# TYPE g gauge\ng 7\n");
        _harness.Time.Advance(TimeSpan.FromMinutes(4));
        await ScrapeAsync("# TYPE g gauge\ng 8\n");

        // 'other' has been missing for 8 minutes; 'g' never for 5.
        Assert.Equal(1, _harness.Reader.GetStatistics().SeriesRetired);
        Assert.Null(_harness.Find("a", "other"));
        Assert.Equal(gauge, _harness.Find("a", "g")!.Series);
        Assert.Equal(8, Assert.IsType<GaugeAggregate>(_harness.Reader.GetAggregate(gauge)).Last);
    }

    [Fact]
    public async Task Abort_FailingScrapesForTheRetirePeriod_RetireEverySeries()
    {
        await ScrapeAsync("# TYPE g gauge\ng 1\n" + Histogram(3, 8, 10, 5));

        for (var i = 0; i < 6; i++)
        {
            _harness.Time.Advance(TimeSpan.FromMinutes(1));
            _series.Begin(1_000, 1_024, _harness.Time.GetUtcNow());
            _series.Abort();
        }

        await _harness.Reader.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, _series.Retired);
        Assert.Equal(0, _series.CachedSeries);
        Assert.DoesNotContain(_harness.Reader.ListSeries(), s => s.AgentId == "a");
    }

    [Fact]
    public async Task RetireAll_UnregisteredAgent_LeavesNoSeries()
    {
        await ScrapeAsync("# TYPE g gauge\ng 1\n" + Histogram(3, 8, 10, 5) + Summary(0.2, 0.9, 40, 10));

        _series.RetireAll();
        await _harness.Reader.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, _series.Retired);
        Assert.DoesNotContain(_harness.Reader.ListSeries(), s => s.AgentId == "a");
    }

    [Fact]
    public async Task OnJsonMetric_SecondScrape_CreatesNoSeriesAndAllocatesLess()
    {
        var metrics = Enumerable.Range(0, 200).Select(i => new JsonMetric
        {
            Name = "tasks_completed",
            Type = "counter",
            Value = i,
            Labels = new() { ["team"] = "blue", ["worker"] = "w" + i },
        }).ToList();

        var first = ScrapeJson(metrics);
        var series = _harness.Reader.GetStatistics().SeriesCount;
        ScrapeJson(metrics);
        var second = ScrapeJson(metrics);
        await _harness.Reader.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(series, _harness.Reader.GetStatistics().SeriesCount);
        Assert.Equal(200, _series.CachedSeries);
        Assert.True(second * 4 < first, $"first scrape {first} B, later scrape {second} B");
        Assert.Equal(199, Assert.IsType<CounterAggregate>(_harness.Reader.GetAggregate(_harness.Reader.ListSeries().Single(s => s.Labels.Contains(new("worker", "w199"))).Series)).Value);
    }

    [Fact]
    public async Task Unregister_RunningCollector_RetiresTheAgentsSeries()
    {
        await using var server = await FaultServer.StartAsync();
        await using var harness = new CollectionHarness(o => o.AllowedHosts.Add("127.0.0.1"));
        await harness.StartAsync();
        harness.Register("leaving", server.Url("text"));
        Assert.True((await harness.WaitForAsync("leaving"))["leaving"]);
        await harness.Reader.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Contains(harness.Reader.ListSeries(), s => s.AgentId == "leaving" && s.Name == "up");
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Collector.Stopped += id => stopped.TrySetResult();

        harness.Registry.Unregister(AgentId.Parse("leaving"));
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(harness.Reader.ListSeries(), s => s.AgentId == "leaving");
        Assert.True(harness.Reader.GetStatistics().SeriesRetired >= 4);
        Assert.Equal(harness.Reader.GetStatistics().SeriesRetired, harness.Overview.GetOverview().Metrics.SeriesRetired);
    }

    private static string Histogram(int le01, int le1, int count, double sum) =>
        $"# TYPE rpc_seconds histogram\nrpc_seconds_bucket{{method=\"get\",le=\"0.1\"}} {le01}\nrpc_seconds_bucket{{method=\"get\",le=\"1\"}} {le1}\n" +
        $"rpc_seconds_bucket{{method=\"get\",le=\"+Inf\"}} {count}\nrpc_seconds_sum{{method=\"get\"}} {sum}\nrpc_seconds_count{{method=\"get\"}} {count}\n";

    private static string Summary(double median, double p99, double sum, int count) =>
        $"# TYPE latency_seconds summary\nlatency_seconds{{quantile=\"0.5\"}} {median}\nlatency_seconds{{quantile=\"0.99\"}} {p99}\n" +
        $"latency_seconds_sum {sum}\nlatency_seconds_count {count}\n";

    private MetricAggregate? Aggregate(string name) => _harness.Reader.GetAggregate(_harness.Find("a", name)!.Series);

    private async Task ScrapeAsync(string payload)
    {
        _series.Begin(10_000, 1_024, _harness.Time.GetUtcNow());
        var result = _parser.Parse(Encoding.UTF8.GetBytes(payload), ExpositionFormat.PrometheusText004, _series);
        Assert.Equal(0, result.ErrorCount);
        _series.Commit();
        await _harness.Reader.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>One JSON scrape; returns the bytes it allocated on this thread.</summary>
    private long ScrapeJson(List<JsonMetric> metrics)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        _series.Begin(10_000, 1_024, _harness.Time.GetUtcNow());
        for (var i = 0; i < metrics.Count; i++)
        {
            _series.OnJsonMetric(metrics[i], i);
        }

        _series.Commit();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
