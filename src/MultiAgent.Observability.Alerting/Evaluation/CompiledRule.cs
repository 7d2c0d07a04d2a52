using MultiAgent.Observability.Alerting.Expressions;
using MultiAgent.Observability.Alerting.Templates;

namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>How a rule finds its elements.</summary>
internal enum RuleKind
{
    /// <summary>One element per selected series (instant and range functions).</summary>
    Series,

    /// <summary>At most one element: <c>absent</c> / <c>absent_over_time</c>.</summary>
    Absence,

    /// <summary>One element per agent whose registry status is <see cref="CompiledRule.AgentStatus"/>.</summary>
    AgentStatus,

    /// <summary>One element per result of a vector expression (<see cref="CompiledRule.Vector"/>).</summary>
    Vector,
}

/// <summary>A validated rule, ready to evaluate: the parsed expression, parsed templates, the constant labels.</summary>
internal sealed class CompiledRule
{
    public required string Name { get; init; }

    public required string GroupName { get; init; }

    public required RuleKind Kind { get; init; }

    /// <summary>Gets the expression; null for <see cref="RuleKind.AgentStatus"/>.</summary>
    public RuleExpression? Expression { get; init; }

    /// <summary>Gets the vector expression of a <see cref="RuleKind.Vector"/> rule.</summary>
    public ExpressionNode? Vector { get; init; }

    /// <summary>Gets the expression as PromQL (what Prometheus would evaluate), or a description for agent-status rules.</summary>
    public required string ExpressionText { get; init; }

    public AgentStatus AgentStatus { get; init; }

    public Severity Severity { get; init; }

    public TimeSpan For { get; init; }

    public TimeSpan KeepFiringFor { get; init; }

    public double? ResolveThreshold { get; init; }

    public TimeSpan ResolveFor { get; init; }

    public NoDataPolicy NoData { get; init; }

    public int MissingEvaluationsToResolve { get; init; }

    public int Limit { get; init; }

    /// <summary>Gets the group's evaluation interval.</summary>
    public TimeSpan Interval { get; init; }

    /// <summary>Gets the labels the rule adds (group labels, rule labels, <c>severity</c>, <c>alertname</c>), sorted; values may be templates over <c>$labels</c>.</summary>
    public required (string Name, AlertTemplate Value)[] Labels { get; init; }

    /// <summary>Gets the annotation templates, sorted by name.</summary>
    public required (string Name, AlertTemplate Value)[] Annotations { get; init; }

    /// <summary>Gets the source rule (for export).</summary>
    public AlertRule? Source { get; init; }

    /// <summary>Gets the identity of the rule across reloads: alert state carries over when it is unchanged.</summary>
    public string Key => GroupName + "\u0000" + Name + "\u0000" + ExpressionText;

    /// <summary>Whether the fire condition holds for <paramref name="value"/>.</summary>
    public bool Fires(double value) => Expression is null || RuleExpression.Compare(Expression.Comparison, value, Expression.Threshold);

    /// <summary>Whether a firing alert with <paramref name="value"/> has crossed the resolve threshold (always true without hysteresis).</summary>
    public bool CrossedResolveThreshold(double value) => ResolveThreshold is not { } threshold || Expression is null ||
        (Expression.Comparison is Comparison.Greater or Comparison.GreaterOrEqual ? value < threshold : value > threshold);
}
