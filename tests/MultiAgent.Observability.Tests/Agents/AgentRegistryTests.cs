using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MultiAgent.Observability.Tests;

public sealed class AgentRegistryTests
{
    private static readonly DateTimeOffset _start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(_start);
    private readonly FakeLogger<AgentRegistry> _logger = new();
    private readonly MultiAgentMonitoringOptions _options = new();
    private readonly List<(AgentId Id, AgentStatus? Previous, AgentStatus Status)> _events = [];
    private readonly AgentRegistry _registry;

    public AgentRegistryTests()
    {
        _registry = new AgentRegistry(_time, new TestOptionsMonitor<MultiAgentMonitoringOptions>(_options), _logger);
        _registry.StatusChanged += (_, e) => _events.Add((e.Agent.Info.Id, e.PreviousStatus, e.Agent.Status));
    }

    [Fact]
    public void Register_NewAgent_IsActiveWithRegistrationAsHeartbeat()
    {
        var registration = _registry.Register(Info("agent-1"));

        Assert.Equal(AgentStatus.Active, registration.Status);
        Assert.Equal(_start, registration.RegisteredAt);
        Assert.Equal(_start, registration.LastHeartbeat);
        Assert.Null(registration.StatusReason);
        Assert.Equal(1, _registry.Count);
        Assert.True(_registry.TryGet(Id("agent-1"), out var stored));
        Assert.Equal(registration, stored);
    }

    [Fact]
    public void Register_NewAgent_LogsRegistered()
    {
        _registry.Register(Info("agent-1"));

        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(1001, record.Id.Id);
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Contains("agent-1", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_DefaultId_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => _registry.Register(new AgentInfo(default)));

        Assert.Equal("info", ex.ParamName);
        Assert.Equal(0, _registry.Count);
    }

    [Fact]
    public void Register_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => _registry.Register(null!));
    }

    [Fact]
    public void GetAll_SeveralAgents_SortedOrdinallyById()
    {
        foreach (var id in new[] { "charlie", "Bravo", "alpha", "agent-10", "agent-9" })
        {
            _registry.Register(Info(id));
        }

        var ids = _registry.GetAll().Select(static r => r.Info.Id.Value).ToArray();

        Assert.Equal(["Bravo", "agent-10", "agent-9", "alpha", "charlie"], ids);
    }

    [Fact]
    public void GetAll_Empty_ReturnsEmpty()
    {
        Assert.Empty(_registry.GetAll());
    }

    [Fact]
    public void GetAll_ReturnsSnapshot_NotLiveView()
    {
        _registry.Register(Info("a"));
        var snapshot = _registry.GetAll();

        _registry.Register(Info("b"));
        _registry.ReportUnhealthy(Id("a"), "down");

        Assert.Equal(AgentStatus.Active, Assert.Single(snapshot).Status);
    }

    [Fact]
    public void Unregister_RegisteredAgent_RemovesItAndReturnsTrue()
    {
        _registry.Register(Info("a"));

        Assert.True(_registry.Unregister(Id("a")));

        Assert.Equal(0, _registry.Count);
        Assert.False(_registry.TryGet(Id("a"), out _));
        Assert.False(_registry.Heartbeat(Id("a")));
        Assert.Contains(_logger.Collector.GetSnapshot(), static r => r.Id.Id == 1002);
    }

    [Fact]
    public void Unregister_UnknownAgent_ReturnsFalseWithoutEvent()
    {
        Assert.False(_registry.Unregister(Id("ghost")));
        Assert.Empty(_events);
    }

    [Fact]
    public void Heartbeat_UnknownAgent_ReturnsFalse()
    {
        Assert.False(_registry.Heartbeat(Id("ghost")));
        Assert.False(_registry.ReportUnhealthy(Id("ghost"), "down"));
        Assert.Equal(0, _registry.Count);
        Assert.Empty(_events);
    }

    [Fact]
    public void Heartbeat_ActiveAgent_MovesLastHeartbeatWithoutEvent()
    {
        _registry.Register(Info("a"));
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(_registry.Heartbeat(Id("a")));

        Assert.True(_registry.TryGet(Id("a"), out var agent));
        Assert.Equal(_start + TimeSpan.FromSeconds(30), agent.LastHeartbeat);
        Assert.Equal(_start, agent.RegisteredAt);
        Assert.Single(_events);
    }

    [Fact]
    public void ReportUnhealthy_ActiveAgent_MarksUnhealthyWithReasonAndKeepsHeartbeat()
    {
        _registry.Register(Info("a"));
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(_registry.ReportUnhealthy(Id("a"), "scrape failed: 503"));

        Assert.True(_registry.TryGet(Id("a"), out var agent));
        Assert.Equal(AgentStatus.Unhealthy, agent.Status);
        Assert.Equal("scrape failed: 503", agent.StatusReason);
        Assert.Equal(_start, agent.LastHeartbeat);
        var warning = Assert.Single(_logger.Collector.GetSnapshot(), static r => r.Id.Id == 1003);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("scrape failed: 503", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportUnhealthy_AlreadyUnhealthy_UpdatesReasonWithoutSecondEvent()
    {
        _registry.Register(Info("a"));
        _registry.ReportUnhealthy(Id("a"), "first");

        _registry.ReportUnhealthy(Id("a"), "second");

        Assert.True(_registry.TryGet(Id("a"), out var agent));
        Assert.Equal("second", agent.StatusReason);
        Assert.Equal(2, _events.Count);
    }

    [Fact]
    public void ReportUnhealthy_NullReason_Throws()
    {
        _registry.Register(Info("a"));

        Assert.Throws<ArgumentNullException>(() => _registry.ReportUnhealthy(Id("a"), null!));
    }

    [Fact]
    public void Heartbeat_UnhealthyAgent_RecoversToActiveAndClearsReason()
    {
        _registry.Register(Info("a"));
        _registry.ReportUnhealthy(Id("a"), "down");
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(_registry.Heartbeat(Id("a")));

        Assert.True(_registry.TryGet(Id("a"), out var agent));
        Assert.Equal(AgentStatus.Active, agent.Status);
        Assert.Null(agent.StatusReason);
        Assert.Equal(_start + TimeSpan.FromSeconds(5), agent.LastHeartbeat);
    }

    [Fact]
    public void Register_AlreadyRegistered_UpdatesInfoKeepsRegisteredAtWithoutEvent()
    {
        _registry.Register(Info("a"));
        _time.Advance(TimeSpan.FromSeconds(20));
        var updated = Info("a") with
        {
            MetricsEndpoint = new Uri("http://127.0.0.1:9100/metrics"),
            Labels = new Dictionary<string, string> { ["team"] = "search" },
        };

        var registration = _registry.Register(updated);

        Assert.Same(updated, registration.Info);
        Assert.Equal(_start, registration.RegisteredAt);
        Assert.Equal(_start + TimeSpan.FromSeconds(20), registration.LastHeartbeat);
        Assert.Equal(1, _registry.Count);
        Assert.Single(_events);
        Assert.Single(_logger.Collector.GetSnapshot(), static r => r.Id.Id == 1001);
    }

    [Fact]
    public void Register_UnhealthyAgentAgain_BecomesActiveWithEvent()
    {
        _registry.Register(Info("a"));
        _registry.ReportUnhealthy(Id("a"), "down");

        var registration = _registry.Register(Info("a"));

        Assert.Equal(AgentStatus.Active, registration.Status);
        Assert.Null(registration.StatusReason);
        Assert.Equal((Id("a"), AgentStatus.Unhealthy, AgentStatus.Active), _events[^1]);
    }

    [Fact]
    public void Register_PastMaxAgents_ThrowsInvalidOperationNamingLimit()
    {
        _options.MaxAgents = 2;
        _registry.Register(Info("a"));
        _registry.Register(Info("b"));

        var ex = Assert.Throws<InvalidOperationException>(() => _registry.Register(Info("c")));

        Assert.Contains("'c'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2 agents", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MultiAgentMonitoringOptions.MaxAgents", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, _registry.Count);
        Assert.False(_registry.TryGet(Id("c"), out _));
        var error = Assert.Single(_logger.Collector.GetSnapshot(), static r => r.Id.Id == 1005);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Equal(2, _events.Count);
    }

    [Fact]
    public void Register_AtMaxAgents_ReRegistrationOfKnownAgentStillAccepted()
    {
        _options.MaxAgents = 1;
        _registry.Register(Info("a"));

        var registration = _registry.Register(Info("a"));

        Assert.Equal(AgentStatus.Active, registration.Status);
        Assert.Equal(1, _registry.Count);
    }

    [Fact]
    public void Register_AfterUnregisterAtMaxAgents_FreesTheSlot()
    {
        _options.MaxAgents = 1;
        _registry.Register(Info("a"));
        _registry.Unregister(Id("a"));

        _registry.Register(Info("b"));

        Assert.Equal(["b"], _registry.GetAll().Select(static r => r.Info.Id.Value));
    }

    [Theory]
    [InlineData("__name__", "reserves")]
    [InlineData("team-name", "'-' at index 4")]
    [InlineData("a:b", "':' at index 1")]
    [InlineData("1team", "'1' at index 0")]
    [InlineData("", "must not be empty")]
    public void Register_InvalidLabelName_ThrowsNamingAgentAndLabel(string label, string expected)
    {
        var info = Info("a") with { Labels = new Dictionary<string, string> { ["team"] = "x", [label] = "v" } };

        var ex = Assert.Throws<ArgumentException>(() => _registry.Register(info));

        Assert.Equal("info", ex.ParamName);
        Assert.Contains("Agent 'a' label", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _registry.Count);
        Assert.Empty(_events);
    }

    [Fact]
    public void Register_TooManyLabels_ThrowsNamingCountAndLimit()
    {
        _options.MaxAgentLabels = 2;
        var info = Info("a") with { Labels = new Dictionary<string, string> { ["x"] = "1", ["y"] = "2", ["z"] = "3" } };

        var ex = Assert.Throws<ArgumentException>(() => _registry.Register(info));

        Assert.Contains("3 labels", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxAgentLabels", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _registry.Count);
    }

    [Fact]
    public void Register_ExactlyMaxLabels_Accepted()
    {
        _options.MaxAgentLabels = 2;
        var info = Info("a") with { Labels = new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" } };

        Assert.Equal(2, _registry.Register(info).Info.Labels.Count);
    }

    [Fact]
    public void Register_NullLabelValue_ThrowsNamingLabel()
    {
        var info = Info("a") with { Labels = new Dictionary<string, string> { ["team"] = null! } };

        var ex = Assert.Throws<ArgumentNullException>(() => _registry.Register(info));

        Assert.Contains("team", ex.ParamName, StringComparison.Ordinal);
        Assert.Equal(0, _registry.Count);
    }

    [Fact]
    public void StatusChanged_FullLifecycle_RaisesEachTransitionInOrder()
    {
        _options.StaleAfter = TimeSpan.FromSeconds(90);

        _registry.Register(Info("a"));
        _registry.ReportUnhealthy(Id("a"), "down");
        _registry.Heartbeat(Id("a"));
        _time.Advance(TimeSpan.FromSeconds(91));
        _registry.CheckStaleness();
        _registry.Heartbeat(Id("a"));
        _time.Advance(TimeSpan.FromSeconds(91));
        _registry.CheckStaleness();
        _registry.Unregister(Id("a"));

        Assert.Equal(
            [
                (Id("a"), null, AgentStatus.Active),
                (Id("a"), AgentStatus.Active, AgentStatus.Unhealthy),
                (Id("a"), AgentStatus.Unhealthy, AgentStatus.Active),
                (Id("a"), AgentStatus.Active, AgentStatus.Stale),
                (Id("a"), AgentStatus.Stale, AgentStatus.Active),
                (Id("a"), AgentStatus.Active, AgentStatus.Stale),
                (Id("a"), AgentStatus.Stale, AgentStatus.Unregistered),
            ],
            _events);
    }

    [Fact]
    public void StatusChanged_Raised_SenderIsRegistryAndAgentIsCurrentSnapshot()
    {
        object? sender = null;
        AgentStatusChangedEventArgs? args = null;
        _registry.StatusChanged += (s, e) => (sender, args) = (s, e);

        _registry.Register(Info("a"));
        _registry.ReportUnhealthy(Id("a"), "oom");

        Assert.Same(_registry, sender);
        Assert.NotNull(args);
        Assert.Equal("oom", args.Agent.StatusReason);
        Assert.True(_registry.TryGet(Id("a"), out var current));
        Assert.Equal(current, args.Agent);
    }

    [Fact]
    public void StatusChanged_HandlerThrows_OtherHandlersRunAndFailureIsLogged()
    {
        var registry = new AgentRegistry(_time, new TestOptionsMonitor<MultiAgentMonitoringOptions>(_options), _logger);
        var failure = new InvalidOperationException("subscriber bug");
        var seen = new List<AgentStatus>();
        registry.StatusChanged += (_, _) => throw failure;
        registry.StatusChanged += (_, e) => seen.Add(e.Agent.Status);

        registry.Register(Info("a"));
        registry.ReportUnhealthy(Id("a"), "down");

        Assert.Equal([AgentStatus.Active, AgentStatus.Unhealthy], seen);
        Assert.True(registry.TryGet(Id("a"), out var agent));
        Assert.Equal(AgentStatus.Unhealthy, agent.Status);
        var logged = _logger.Collector.GetSnapshot().Where(static r => r.Id.Id == 1006).ToArray();
        Assert.Equal(2, logged.Length);
        Assert.All(logged, r =>
        {
            Assert.Equal("AgentStatusHandlerFailed", r.Id.Name);
            Assert.Equal(LogLevel.Error, r.Level);
            Assert.Same(failure, r.Exception);
            Assert.Contains("agent a", r.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void StatusChanged_HandlerThrowsDuringStalenessCheck_AllAgentsStillMarkedStale()
    {
        _options.StaleAfter = TimeSpan.FromSeconds(90);
        var registry = new AgentRegistry(_time, new TestOptionsMonitor<MultiAgentMonitoringOptions>(_options), _logger);
        registry.Register(Info("a"));
        registry.Register(Info("b"));
        registry.StatusChanged += (_, _) => throw new InvalidOperationException("subscriber bug");
        _time.Advance(TimeSpan.FromSeconds(91));

        Assert.Equal(2, registry.CheckStaleness());

        Assert.All(registry.GetAll(), static r => Assert.Equal(AgentStatus.Stale, r.Status));
        Assert.Equal(2, _logger.Collector.GetSnapshot().Count(static r => r.Id.Id == 1006));
    }

    [Fact]
    public void CheckStaleness_ExactlyStaleAfter_NotStale()
    {
        _options.StaleAfter = TimeSpan.FromSeconds(90);
        _registry.Register(Info("a"));
        _time.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(0, _registry.CheckStaleness());

        Assert.True(_registry.TryGet(Id("a"), out var agent));
        Assert.Equal(AgentStatus.Active, agent.Status);
    }

    [Fact]
    public void CheckStaleness_PastStaleAfter_MarksStaleOnceAndReturnsCount()
    {
        _options.StaleAfter = TimeSpan.FromSeconds(90);
        _registry.Register(Info("old-1"));
        _registry.Register(Info("old-2"));
        _time.Advance(TimeSpan.FromSeconds(60));
        _registry.Register(Info("fresh"));
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(2, _registry.CheckStaleness());
        Assert.Equal(0, _registry.CheckStaleness());

        Assert.Equal(
            [("fresh", AgentStatus.Active), ("old-1", AgentStatus.Stale), ("old-2", AgentStatus.Stale)],
            _registry.GetAll().Select(static r => (r.Info.Id.Value, r.Status)));
        Assert.True(_registry.TryGet(Id("old-1"), out var stale));
        Assert.Contains(_start.ToString("O", System.Globalization.CultureInfo.InvariantCulture), stale.StatusReason, StringComparison.Ordinal);
        Assert.Equal(2, _events.Count(static e => e.Status == AgentStatus.Stale));
        Assert.Equal(2, _logger.Collector.GetSnapshot().Count(static r => r.Id.Id == 1004));
    }

    [Fact]
    public void CheckStaleness_StaleAgentHeartbeats_BecomesActiveAndCanGoStaleAgain()
    {
        _options.StaleAfter = TimeSpan.FromSeconds(90);
        _registry.Register(Info("a"));
        _time.Advance(TimeSpan.FromSeconds(91));
        _registry.CheckStaleness();

        Assert.True(_registry.Heartbeat(Id("a")));

        Assert.True(_registry.TryGet(Id("a"), out var agent));
        Assert.Equal(AgentStatus.Active, agent.Status);
        Assert.Null(agent.StatusReason);
        Assert.Equal(0, _registry.CheckStaleness());
        _time.Advance(TimeSpan.FromSeconds(91));
        Assert.Equal(1, _registry.CheckStaleness());
    }

    [Fact]
    public void CheckStaleness_UnhealthyAgent_BecomesStaleWithPreviousUnhealthy()
    {
        _options.StaleAfter = TimeSpan.FromSeconds(90);
        _registry.Register(Info("a"));
        _registry.ReportUnhealthy(Id("a"), "down");
        _time.Advance(TimeSpan.FromSeconds(91));

        Assert.Equal(1, _registry.CheckStaleness());

        Assert.Equal((Id("a"), AgentStatus.Unhealthy, AgentStatus.Stale), _events[^1]);
    }

    [Fact]
    public void CheckStaleness_StaleAfterChangedAtRuntime_UsesCurrentValue()
    {
        _options.StaleAfter = TimeSpan.FromSeconds(90);
        _registry.Register(Info("a"));
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(0, _registry.CheckStaleness());

        _options.StaleAfter = TimeSpan.FromSeconds(30);

        Assert.Equal(1, _registry.CheckStaleness());
    }

    private static AgentId Id(string value) => AgentId.Parse(value);

    private static AgentInfo Info(string id) => new(AgentId.Parse(id));
}
