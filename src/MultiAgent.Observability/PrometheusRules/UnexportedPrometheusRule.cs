namespace MultiAgent.Observability;

/// <summary>A rule a package runs in the host but cannot export to Prometheus, and why.</summary>
public sealed class UnexportedPrometheusRule
{
    /// <summary>Gets the name of the rule's group.</summary>
    public required string Group { get; init; }

    /// <summary>Gets the rule's name (its alert or record name).</summary>
    public required string Rule { get; init; }

    /// <summary>Gets why PromQL cannot express the rule.</summary>
    public required string Reason { get; init; }

    /// <summary>Returns <c>group/rule: reason</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Group + "/" + Rule + ": " + Reason;
}
