namespace MultiAgent.Observability.Alerting;

/// <summary>A snapshot of one alert: one label set of one rule, with where it is in its lifecycle.</summary>
public sealed class Alert
{
    /// <summary>Gets the alert name (the rule name, the <c>alertname</c> label).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the labels that identify the alert, including <c>alertname</c> and <c>severity</c>.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Gets the rendered annotations (a template error shows as <c>&lt;error expanding template: …&gt;</c>).</summary>
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    /// <summary>Gets the state.</summary>
    public AlertState State { get; init; }

    /// <summary>Gets the severity.</summary>
    public Severity Severity { get; init; }

    /// <summary>Gets the value of the last evaluation that met the condition (NaN when it was met for lack of data).</summary>
    public double Value { get; init; }

    /// <summary>Gets when the condition started holding (the alert went pending).</summary>
    public DateTimeOffset ActiveAt { get; init; }

    /// <summary>Gets when the alert fired, or null while pending.</summary>
    public DateTimeOffset? FiredAt { get; init; }

    /// <summary>Gets when the alert resolved, or null.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets when the alert is valid until: the resolution time, or, while firing, the evaluation time plus four times the larger of the interval and the resend delay.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>Gets the fingerprint of <see cref="Labels"/> (16 hex digits, as Alertmanager computes it).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Gets the expression that raised the alert (PromQL), or a description for agent health alerts.</summary>
    public required string Expression { get; init; }

    /// <summary>Gets the agent the alert is about (its <c>agent_id</c> label), or null.</summary>
    public string? AgentId => Labels.TryGetValue(MonitoringLabels.AgentId, out var id) ? id : null;
}
