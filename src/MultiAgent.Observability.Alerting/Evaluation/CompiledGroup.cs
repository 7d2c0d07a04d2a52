namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>A validated rule group.</summary>
internal sealed class CompiledGroup
{
    public required string Name { get; init; }

    public required TimeSpan Interval { get; init; }

    public required IReadOnlyList<CompiledRule> Rules { get; init; }

    /// <summary>Gets the source group (for export); null for the built-in agent health group.</summary>
    public AlertRuleGroup? Source { get; init; }
}
