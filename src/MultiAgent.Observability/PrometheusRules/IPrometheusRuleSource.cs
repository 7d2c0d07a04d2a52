namespace MultiAgent.Observability;

/// <summary>
/// Gives the Prometheus rules a package runs in the host, as plain data, so another package can deploy the same rules
/// to Prometheus (for example the manifest generator's <c>PrometheusRule</c> and rule file) without depending on the
/// package that defines them.
/// </summary>
/// <remarks>
/// Register implementations with <c>TryAddEnumerable</c>; consumers read every registered source. A rule that PromQL
/// cannot express is returned in <see cref="PrometheusRuleSet.Unexported"/> with its reason, never dropped silently.
/// </remarks>
public interface IPrometheusRuleSource
{
    /// <summary>Gets the rule groups as they would be written to a Prometheus rule file.</summary>
    /// <returns>The exportable groups and the rules that could not be exported.</returns>
    PrometheusRuleSet GetPrometheusRules();
}
