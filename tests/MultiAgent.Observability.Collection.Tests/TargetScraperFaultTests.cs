using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Metrics.Parsing;

namespace MultiAgent.Observability.Collection.Tests;

/// <summary>Every fault mode of the loopback server ends in a clear outcome; the good formats land in the pipeline.</summary>
public sealed class TargetScraperFaultTests : IAsyncLifetime
{
    private FaultServer _server = null!;
    private CollectionHarness _harness = null!;
    private TargetScraper _scraper = null!;
    private AgentCollectionOptions _options = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FaultServer.StartAsync();
        _harness = new CollectionHarness();
        _options = new AgentCollectionOptions { RequestTimeout = TimeSpan.FromSeconds(30), MaxBodyBytes = 64 * 1024, MaxSamplesPerScrape = 100 };
        _options.AllowedHosts.Add("127.0.0.1");

        // Real time here: the timeouts under test are the scraper's own, on a real socket (30 s for the others: a loaded machine).
        _scraper = new TargetScraper(_harness.Services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System, _options);
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("status/500", ScrapeOutcome.HttpError, "HTTP 500")]
    [InlineData("hang", ScrapeOutcome.Timeout, "RequestTimeout")]
    [InlineData("drip", ScrapeOutcome.Timeout, "RequestTimeout")]
    [InlineData("big", ScrapeOutcome.BodyTooLarge, "MaxBodyBytes")]
    [InlineData("garbage", ScrapeOutcome.InvalidPayload, "no valid sample")]
    [InlineData("invalid-utf8", ScrapeOutcome.InvalidPayload, "not valid UTF-8")]
    [InlineData("wrong-type", ScrapeOutcome.UnsupportedContentType, "text/html")]
    [InlineData("truncated-openmetrics", ScrapeOutcome.InvalidPayload, "does not end with '# EOF'")]
    [InlineData("redirect-away", ScrapeOutcome.UrlNotAllowed, "metrics.elsewhere.example")]
    public async Task ScrapeAsync_FaultMode_EndsWithAClearOutcome(string path, ScrapeOutcome expected, string message)
    {
        var series = Series("fault-agent");
        if (expected == ScrapeOutcome.Timeout)
        {
            _options.RequestTimeout = TimeSpan.FromSeconds(1);
        }

        var report = await _scraper.ScrapeAsync(_server.Url(path), series, new ExpositionParser(), TestContext.Current.CancellationToken);

        Assert.Equal(expected, report.Outcome);
        Assert.Contains(message, report.Error, StringComparison.Ordinal);
        Assert.True(report.Duration < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ScrapeAsync_ConnectionRefused_IsAConnectionFailure()
    {
        var closedPort = MultiAgent.Observability.Testing.Peers.FreePort();

        var report = await _scraper.ScrapeAsync(new Uri($"http://127.0.0.1:{closedPort}/metrics"), Series("refused"), new ExpositionParser(), TestContext.Current.CancellationToken);

        Assert.Equal(ScrapeOutcome.ConnectionFailed, report.Outcome);
        Assert.False(string.IsNullOrEmpty(report.Error));
    }

    [Fact]
    public async Task ScrapeAsync_SchemeNotAllowed_IsRefusedBeforeAnyRequest()
    {
        var report = await _scraper.ScrapeAsync(new Uri("file:///etc/passwd"), Series("file"), new ExpositionParser(), TestContext.Current.CancellationToken);

        Assert.Equal(ScrapeOutcome.UrlNotAllowed, report.Outcome);
        Assert.Contains("scheme", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeAsync_RedirectToAnAllowedHost_IsFollowed()
    {
        var report = await _scraper.ScrapeAsync(_server.Url("redirect-home"), Series("redirected"), new ExpositionParser(), TestContext.Current.CancellationToken);

        Assert.Equal(ScrapeOutcome.Success, report.Outcome);
        Assert.Equal(2, report.Samples);
    }

    [Fact]
    public async Task ScrapeAsync_OpenMetrics_IsNegotiatedAndLandsWithTheRightKinds()
    {
        var report = await _scraper.ScrapeAsync(_server.Url("openmetrics"), Series("om-agent"), new ExpositionParser(), TestContext.Current.CancellationToken);
        await _harness.Reader.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ScrapeOutcome.Success, report.Outcome);
        Assert.Equal("openmetrics", report.Format);
        Assert.Equal(MetricKind.Counter, _harness.Find("om-agent", "work_items_total")!.Kind);
        Assert.Equal(MetricKind.Gauge, _harness.Find("om-agent", "queue_depth")!.Kind);
        var latency = _harness.Find("om-agent", "latency_seconds")!;
        Assert.Equal(MetricKind.Histogram, latency.Kind);
        Assert.Equal([1L, 2], Assert.IsType<HistogramAggregate>(_harness.Reader.GetAggregate(latency.Series)).CumulativeCounts);
        Assert.Null(_harness.Find("om-agent", "latency_seconds_bucket"));
        Assert.Null(_harness.Find("om-agent", "work_items_created"));
        var total = _harness.Find("om-agent", "work_items_total")!;
        Assert.Equal(7, Assert.IsType<CounterAggregate>(_harness.Reader.GetAggregate(total.Series)).Value);
    }

    [Fact]
    public async Task ScrapeAsync_OriginalJsonBody_LandsUnderTheAgent()
    {
        var report = await _scraper.ScrapeAsync(_server.Url("json"), Series("json-agent"), new ExpositionParser(), TestContext.Current.CancellationToken);
        await _harness.Reader.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ScrapeOutcome.Success, report.Outcome);
        Assert.Equal("json", report.Format);
        var tasks = _harness.Find("json-agent", "tasks_completed")!;
        Assert.Equal(MetricKind.Counter, tasks.Kind);
        Assert.Contains(new KeyValuePair<string, string>("team", "blue"), tasks.Labels);
        Assert.Equal(MetricKind.Gauge, _harness.Find("json-agent", "cpu_load")!.Kind);
    }

    [Fact]
    public async Task ScrapeAsync_MoreSamplesThanTheLimit_FailsTheScrape()
    {
        _options.MaxSamplesPerScrape = 1;

        var report = await _scraper.ScrapeAsync(_server.Url("text"), Series("limited"), new ExpositionParser(), TestContext.Current.CancellationToken);

        Assert.Equal(ScrapeOutcome.SampleLimitExceeded, report.Outcome);
        Assert.Contains("MaxSamplesPerScrape", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeAsync_GaugeThatDisappears_IsMarkedStaleAndKeptForTheRetirePeriod()
    {
        var series = Series("stale-agent");
        _server.Dynamic = "# TYPE a gauge\na 1\n# TYPE b gauge\nb 2\n";
        await _scraper.ScrapeAsync(_server.Url("dynamic"), series, new ExpositionParser(), TestContext.Current.CancellationToken);
        _server.Dynamic = "# TYPE a gauge\na 3\n";

        var report = await _scraper.ScrapeAsync(_server.Url("dynamic"), series, new ExpositionParser(), TestContext.Current.CancellationToken);
        await _harness.Reader.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ScrapeOutcome.Success, report.Outcome);
        Assert.Equal(2, series.CachedSeries);
        var b = Assert.IsType<GaugeAggregate>(_harness.Reader.GetAggregate(_harness.Find("stale-agent", "b")!.Series));
        Assert.Equal(BitConverter.DoubleToInt64Bits(TargetSeries.StaleNaN), BitConverter.DoubleToInt64Bits(b.Last));
    }

    [Fact]
    public async Task ScrapeAsync_TargetExposesAgentIdLabel_IsKeptAsExportedAgentId()
    {
        _server.Dynamic = "m{agent_id=\"spoofed\"} 1\n";

        await _scraper.ScrapeAsync(_server.Url("dynamic"), Series("honest"), new ExpositionParser(), TestContext.Current.CancellationToken);
        await _harness.Reader.FlushAsync(TestContext.Current.CancellationToken);

        var m = _harness.Find("honest", "m")!;
        Assert.Contains(new KeyValuePair<string, string>("exported_agent_id", "spoofed"), m.Labels);
    }

    private TargetSeries Series(string agent) =>
        new(_harness.Services.GetRequiredService<IMetricRecorder>(), _harness.Services.GetRequiredService<IMetricSnapshotRecorder>(), agent, 1_000, TimeSpan.FromMinutes(5));
}
