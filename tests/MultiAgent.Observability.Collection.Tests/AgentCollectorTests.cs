using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Collection.Tests;

/// <summary>The collection loops on <c>FakeTimeProvider</c>: schedule, isolation of failing agents, status transitions, run-time registration.</summary>
public sealed class AgentCollectorTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private FaultServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FaultServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Collect_FailingAndHangingAgents_NeverDelayTheOthers()
    {
        await using var harness = new CollectionHarness(o => o.RequestTimeout = TimeSpan.FromSeconds(10));
        harness.Register("good-1", _server.Url("text"));
        harness.Register("good-2", _server.Url("openmetrics"), _server.Url("health"));
        harness.Register("broken", _server.Url("status/500"));
        harness.Register("hanging", _server.Url("hang"));
        await harness.StartAsync();

        // The first round runs at start: the hanging agent holds its request, the others finish.
        var first = await harness.WaitForAsync("good-1", "good-2", "broken");
        Assert.True(first["good-1"]);
        Assert.True(first["good-2"]);
        Assert.False(first["broken"]);

        // One interval later the hanging request has timed out (10 s of fake time) and everyone ran again on time.
        harness.Time.Advance(Interval);
        var second = await harness.WaitForAsync("good-1", "good-2", "broken", "hanging");
        Assert.True(second["good-1"]);
        Assert.False(second["hanging"]);
        Assert.True(harness.Registry.TryGet(AgentId.Parse("hanging"), out var hanging));
        Assert.Equal(AgentStatus.Unhealthy, hanging.Status);
        Assert.Contains("Timeout", hanging.StatusReason, StringComparison.Ordinal);
        Assert.Equal(2, _server.Hits("/text"));
    }

    [Fact]
    public async Task Collect_FailureThenNothingForStaleAfterIntervals_MovesActiveUnhealthyStaleAndBack()
    {
        await using var harness = new CollectionHarness();
        var changes = new List<(AgentStatus? From, AgentStatus To)>();
        harness.Registry.StatusChanged += (_, e) => { lock (changes) { changes.Add((e.PreviousStatus, e.Agent.Status)); } };
        harness.Register("flaky", _server.Url("dynamic"), _server.Url("health"));
        await harness.StartAsync();
        Assert.True((await harness.WaitForAsync("flaky"))["flaky"]);

        _server.Dynamic = "this is not a metric\n";
        for (var round = 1; round <= 3; round++)
        {
            harness.Time.Advance(Interval);
            Assert.False((await harness.WaitForAsync("flaky"))["flaky"]);
            Assert.True(harness.Registry.TryGet(AgentId.Parse("flaky"), out var agent));
            Assert.Equal(round < 3 ? AgentStatus.Unhealthy : AgentStatus.Stale, agent.Status);
        }

        _server.Dynamic = FaultServer.TextPayload;
        harness.Time.Advance(Interval);
        Assert.True((await harness.WaitForAsync("flaky"))["flaky"]);

        lock (changes)
        {
            Assert.Equal(
                [(null, AgentStatus.Active), (AgentStatus.Active, AgentStatus.Unhealthy), (AgentStatus.Unhealthy, AgentStatus.Stale), (AgentStatus.Stale, AgentStatus.Active)],
                changes);
        }
    }

    [Fact]
    public async Task Collect_HealthProbeFails_MakesTheAgentUnhealthy()
    {
        await using var harness = new CollectionHarness();
        harness.Register("sick", _server.Url("text"), _server.Url("health/fail"));
        await harness.StartAsync();

        Assert.False((await harness.WaitForAsync("sick"))["sick"]);

        Assert.True(harness.Registry.TryGet(AgentId.Parse("sick"), out var agent));
        Assert.Equal(AgentStatus.Unhealthy, agent.Status);
        Assert.Contains("health probe failed (HttpError): HTTP 503", agent.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_RecordsUpDurationAndSamplesScraped()
    {
        await using var harness = new CollectionHarness();
        harness.Register("meta", _server.Url("text"));
        harness.Register("down", _server.Url("status/500"));
        await harness.StartAsync();
        await harness.WaitForAsync("meta", "down");
        await harness.Reader.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, Last(harness, "meta", "up"));
        Assert.Equal(0, Last(harness, "down", "up"));
        Assert.Equal(2, Last(harness, "meta", "scrape_samples_scraped"));
        Assert.True(Last(harness, "meta", "scrape_duration_seconds") >= 0);
    }

    [Fact]
    public async Task Register_AtRunTime_StartsAndUnregisterStopsTheLoop()
    {
        await using var harness = new CollectionHarness();
        await harness.StartAsync();
        Assert.Equal(0, harness.Collector.TargetCount);

        harness.Register("late", _server.Url("text"));
        Assert.True((await harness.WaitForAsync("late"))["late"]);
        Assert.Equal(1, harness.Collector.TargetCount);

        harness.Registry.Unregister(AgentId.Parse("late"));
        Assert.Equal(0, harness.Collector.TargetCount);
        var hits = _server.Hits("/text");
        harness.Time.Advance(Interval * 3);
        harness.Register("other", _server.Url("json"));
        await harness.WaitForAsync("other");
        Assert.Equal(hits, _server.Hits("/text"));
    }

    [Fact]
    public async Task Overview_ShowsInProcessAndRemoteAgentsAlike_AndSerializesToJson()
    {
        await using var harness = new CollectionHarness();
        harness.Registry.Register(new AgentInfo(AgentId.Parse("in-process")));
        harness.Register("remote", _server.Url("text"));
        harness.Register("remote-down", _server.Url("status/500"));
        await harness.StartAsync();
        await harness.WaitForAsync("remote", "remote-down");
        harness.Time.Advance(TimeSpan.FromSeconds(5));

        var overview = harness.Overview.GetOverview();

        Assert.Equal(["in-process", "remote", "remote-down"], overview.Agents.Select(a => a.Id));
        Assert.Equal(2, overview.AgentsByStatus[AgentStatus.Active]);
        Assert.Equal(1, overview.AgentsByStatus[AgentStatus.Unhealthy]);
        var inProcess = overview.Agents[0];
        Assert.False(inProcess.Remote);
        Assert.Null(inProcess.Collection);
        Assert.Equal(TimeSpan.FromSeconds(5), inProcess.HeartbeatAge);
        var remote = overview.Agents[1];
        Assert.True(remote.Remote);
        Assert.Equal(ScrapeOutcome.Success, remote.Collection!.LastScrape!.Outcome);
        Assert.Equal(2, remote.Collection.LastScrape.Samples);
        Assert.Equal(ScrapeOutcome.HttpError, overview.Agents[2].Collection!.LastScrape!.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(30), overview.Metrics.CollectionInterval);
        Assert.True(overview.Metrics.Series > 0);

        var json = overview.ToJson();
        Assert.Contains("\"agentsByStatus\":{\"Active\":2,\"Unhealthy\":1}", json, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"HttpError\"", json, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"in-process\"", json, StringComparison.Ordinal);
    }

    private static double Last(CollectionHarness harness, string agent, string name) =>
        Assert.IsType<GaugeAggregate>(harness.Reader.GetAggregate(harness.Find(agent, name)!.Series)).Last;
}
