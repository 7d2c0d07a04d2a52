using MultiAgent.Observability.Manifests.Kubernetes;
using MultiAgent.Observability.Manifests.Monitoring;

namespace MultiAgent.Observability.Manifests.Tests.Monitoring;

public sealed class AlertRulesTests
{
    [Fact]
    public void LabelValue_EverySeverity_IsDistinctAndLowerCase()
    {
        var values = Enum.GetValues<Severity>().Select(AlertRules.LabelValue).ToList();

        Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
        Assert.All(values, v => Assert.Equal(v.ToLowerInvariant(), v));
    }

    [Fact]
    public void Create_Alerts_CarryCoreSeveritiesAndTheAgentIdLabel()
    {
        var system = new SystemDescription { Agents = [new AgentDescription { Id = "planner", Image = "ghcr.io/acme/planner" }] };
        var rules = AlertRules.Create(system, [new AgentIdentity(system, system.Agents[0])]).Single().Rules;

        Assert.Equal(AlertRules.LabelValue(Severity.Critical), rules.Single(r => r.Alert == "AgentDown").Labels![AlertRules.SeverityLabel]);
        Assert.All(rules.Where(r => r.Alert is not null), r => Assert.Contains(r.Labels![AlertRules.SeverityLabel], Enum.GetValues<Severity>().Select(AlertRules.LabelValue)));
        Assert.All(rules.Where(r => r.Record is not null), r => Assert.Equal("planner", r.Labels![MonitoringLabels.AgentId]));
        Assert.Contains($"by (job, {MonitoringLabels.AgentId}, instance)", rules.Single(r => r.Alert == "HighCpuUsage").Expr, StringComparison.Ordinal);
    }
}
