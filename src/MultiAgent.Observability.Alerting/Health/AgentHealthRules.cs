using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Alerting.Templates;

namespace MultiAgent.Observability.Alerting.Health;

/// <summary>
/// The built-in agent health alerts, driven by the agent registry's status events: <c>AgentUnhealthy</c> (warning)
/// while an agent is unhealthy and <c>AgentDown</c> (critical) while it is stale; each resolves when the agent recovers
/// or is unregistered. They run the same lifecycle as every rule (firing at once, resolved, retained).
/// </summary>
internal static class AgentHealthRules
{
    /// <summary>The name of the built-in group.</summary>
    public const string GroupName = "multiagent-agent-health";

    public static CompiledGroup Create(TimeSpan interval) => new()
    {
        Name = GroupName,
        Interval = interval,
        Rules =
        [
            Rule("AgentUnhealthy", AgentStatus.Unhealthy, Severity.Warning, interval, "Agent {{ $labels.agent_id }} is unhealthy"),
            Rule("AgentDown", AgentStatus.Stale, Severity.Critical, interval, "Agent {{ $labels.agent_id }} stopped sending heartbeats"),
        ],
    };

    private static CompiledRule Rule(string name, AgentStatus status, Severity severity, TimeSpan interval, string summary) => new()
    {
        Name = name,
        GroupName = GroupName,
        Kind = RuleKind.AgentStatus,
        AgentStatus = status,
        ExpressionText = $"agent registry status == {status}",
        Severity = severity,
        Interval = interval,
        MissingEvaluationsToResolve = 1,
        Labels = RuleCompiler.BuildLabels([], [], name, severity, null, string.Empty),
        Annotations = [("summary", AlertTemplate.Parse(summary, out _)!)],
    };
}
