namespace MultiAgent.Observability;

/// <summary>What an <see cref="IPrometheusRuleSource"/> exports: the groups Prometheus can run and the rules it cannot.</summary>
public sealed class PrometheusRuleSet
{
    /// <summary>Gets the exportable rule groups, in the order they are defined.</summary>
    public IReadOnlyList<PrometheusRuleGroup> Groups { get; init; } = [];

    /// <summary>Gets the rules left out because PromQL cannot express them, each with its reason.</summary>
    public IReadOnlyList<UnexportedPrometheusRule> Unexported { get; init; } = [];
}
