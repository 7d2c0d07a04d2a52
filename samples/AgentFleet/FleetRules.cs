using MultiAgent.Observability;
using MultiAgent.Observability.Alerting;

namespace AgentFleet;

/// <summary>
/// The fleet's alert rules. The host's engine evaluates them; the same groups are exported as a Prometheus rule file.
/// The stopped agent is caught by the built-in <c>AgentDown</c> alert, which follows the agent registry.
/// </summary>
internal static class FleetRules
{
    public const string LatencyHigh = "AgentLatencyHigh";

    /// <summary>The latency above which an agent is degraded, in seconds.</summary>
    public const double LatencyThresholdSeconds = 0.5;

    public static IReadOnlyList<AlertRuleGroup> Create() =>
    [
        new AlertRuleGroup
        {
            Name = "agentfleet",
            Rules =
            {
                new AlertRule
                {
                    Name = LatencyHigh,
                    Expression = FormattableString.Invariant($"{FleetMetrics.Latency} > {LatencyThresholdSeconds}"),
                    For = TimeSpan.FromSeconds(2),
                    Severity = Severity.Warning,
                    Annotations =
                    {
                        ["summary"] = "{{ $labels.agent_id }} takes {{ $value | humanize }}s per message",
                    },
                },
            },
        },
    ];
}
