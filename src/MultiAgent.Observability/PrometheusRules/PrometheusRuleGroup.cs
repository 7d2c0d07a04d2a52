namespace MultiAgent.Observability;

/// <summary>A rule group as a Prometheus rule file holds it (<c>name</c>, <c>interval</c>, <c>limit</c>, <c>rules</c>).</summary>
public sealed class PrometheusRuleGroup
{
    /// <summary>Gets the group name, unique within a rule file.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the evaluation interval, or null for Prometheus' global <c>evaluation_interval</c>.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>Gets the most alerts or series a rule of the group may produce; 0 is no limit.</summary>
    /// <value>The default value is 0.</value>
    public int Limit { get; init; }

    /// <summary>Gets the rules, in evaluation order.</summary>
    public IReadOnlyList<PrometheusRuleDefinition> Rules { get; init; } = [];
}
