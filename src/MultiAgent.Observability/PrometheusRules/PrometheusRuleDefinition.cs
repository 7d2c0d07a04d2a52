namespace MultiAgent.Observability;

/// <summary>
/// One alerting or recording rule as Prometheus reads it: exactly one of <see cref="Alert"/> and <see cref="Record"/>
/// is set, with the PromQL <see cref="Expr"/>.
/// </summary>
public sealed class PrometheusRuleDefinition
{
    /// <summary>Gets the alert name of an alerting rule, or null.</summary>
    public string? Alert { get; init; }

    /// <summary>Gets the series name a recording rule writes, or null.</summary>
    public string? Record { get; init; }

    /// <summary>Gets the PromQL expression.</summary>
    public required string Expr { get; init; }

    /// <summary>Gets how long the condition must hold before the alert fires.</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/> (fires at once).</value>
    public TimeSpan For { get; init; }

    /// <summary>Gets how long the alert keeps firing after the condition stops holding.</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan KeepFiringFor { get; init; }

    /// <summary>Gets the labels the rule adds, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>Gets the annotations of an alerting rule, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; init; } = [];
}
