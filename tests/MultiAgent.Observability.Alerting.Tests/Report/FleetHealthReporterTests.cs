using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Tests.Report;

/// <summary>The fleet health report: the original's formula with every deduction shown, trends, alerts, recommendations.</summary>
public sealed class FleetHealthReporterTests
{
    [Fact]
    public void Generate_ScoresDeductionsTrendsAlertsRecommendations()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddHours(2));
        var source = new FakeSeriesSource();
        var cpu1 = source.Add("a1", "process_cpu_utilization_ratio", MetricKind.Gauge);
        var mem1 = source.Add("a1", "process_memory_utilization_ratio", MetricKind.Gauge);
        var cpu2 = source.Add("a2", "process_cpu_utilization_ratio", MetricKind.Gauge);
        var mem2 = source.Add("a2", "process_memory_utilization_ratio", MetricKind.Gauge);
        source.Record(cpu1, TimeSpan.FromMinutes(70), 0.80);
        source.Record(cpu1, TimeSpan.FromMinutes(110), 0.95);
        source.Record(mem1, TimeSpan.FromMinutes(100), 0.90);
        source.Record(cpu2, TimeSpan.FromMinutes(70), 0.50);
        source.Record(cpu2, TimeSpan.FromMinutes(110), 0.40);
        source.Record(mem2, TimeSpan.FromMinutes(100), 0.60);
        source.Record(mem2, TimeSpan.FromMinutes(10), 0.99);
        var engine = new StubEngine(
            TestAlertsFor("a1", Severity.Critical, AlertState.Firing),
            TestAlertsFor("a2", Severity.Warning, AlertState.Pending));
        var registry = new StubRegistry(("a1", AgentStatus.Unhealthy), ("a2", AgentStatus.Active));
        var reporter = new FleetHealthReporter(source, engine, time, Options.Create(new AlertingOptions()), registry);

        var report = reporter.Generate(TimeSpan.FromHours(1));

        var a1 = report.Agents[0];
        Assert.Equal("a1", a1.AgentId);
        Assert.Equal(87.5, a1.AverageCpuPercent!.Value, 9);
        Assert.Equal(95, a1.MaxCpuPercent!.Value, 9);
        Assert.Equal([30, 25, 50, 10], a1.Deductions.Select(d => d.Points));
        Assert.Equal("average CPU 87.5% > 80%", a1.Deductions[0].Reason);
        Assert.Equal(0, a1.HealthScore);
        Assert.Equal(1, a1.FiringAlerts);
        var a2 = report.Agents[1];
        Assert.Equal(100, a2.HealthScore);
        Assert.Empty(a2.Deductions);
        Assert.Equal(60, a2.AverageMemoryPercent!.Value, 9);

        Assert.Equal(6, report.Trends.Samples);
        Assert.Equal(1, report.Trends.UnhealthyAgents);
        Assert.Equal(((95 + 40) / 2.0) - ((80 + 50) / 2.0), report.Trends.CpuChangePoints!.Value, 9);
        Assert.Equal((1, 1, 0), (report.Alerts.Total, report.Alerts.Critical, report.Alerts.Warning));
        Assert.Equal(
            [
                "Agent a1 has low health score (0.0), investigate resource usage",
                "Agent a1 showing high CPU usage (87.5%), consider scaling",
                "Agent a1 showing high memory usage (90.0%), check for memory leaks",
                "More than 30% of agents are unhealthy, investigate system-wide issues",
            ],
            report.Recommendations);

        var json = JsonDocument.Parse(report.ToJson()).RootElement;
        Assert.Equal(0, json.GetProperty("agents")[0].GetProperty("healthScore").GetDouble());
        Assert.Equal("Unhealthy", json.GetProperty("agents")[0].GetProperty("status").GetString());
        Assert.Equal(4, json.GetProperty("recommendations").GetArrayLength());
    }

    private static Alert TestAlertsFor(string agent, Severity severity, AlertState state) => new()
    {
        Name = "X",
        Labels = new Dictionary<string, string> { ["alertname"] = "X", ["agent_id"] = agent },
        Annotations = new Dictionary<string, string>(),
        State = state,
        Severity = severity,
        Fingerprint = agent,
        Expression = "x > 1",
    };

    private sealed class StubEngine(params Alert[] alerts) : IAlertEngine
    {
        public IReadOnlyList<Alert> GetAlerts() => alerts;

        public AlertingStatistics GetStatistics() => new();

        public void ReloadRules()
        {
        }
    }

    private sealed class StubRegistry(params (string Id, AgentStatus Status)[] agents) : IAgentRegistry
    {
        public event EventHandler<AgentStatusChangedEventArgs>? StatusChanged
        {
            add { }
            remove { }
        }

        public int Count => agents.Length;

        public IReadOnlyList<AgentRegistration> GetAll() =>
            [.. agents.Select(a => new AgentRegistration { Info = new AgentInfo(AgentId.Parse(a.Id)), RegisteredAt = DateTimeOffset.UnixEpoch, LastHeartbeat = DateTimeOffset.UnixEpoch, Status = a.Status })];

        public AgentRegistration Register(AgentInfo info) => throw new NotSupportedException();

        public bool Unregister(AgentId id) => throw new NotSupportedException();

        public bool Heartbeat(AgentId id) => throw new NotSupportedException();

        public bool ReportUnhealthy(AgentId id, string reason) => throw new NotSupportedException();

        public bool TryGet(AgentId id, out AgentRegistration registration) => throw new NotSupportedException();

        public int CheckStaleness() => throw new NotSupportedException();
    }
}
