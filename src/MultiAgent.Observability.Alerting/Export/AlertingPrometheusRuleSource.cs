using Microsoft.Extensions.Options;
using MultiAgent.Observability.Alerting.Loading;

namespace MultiAgent.Observability.Alerting.Export;

/// <summary>
/// The rules of <see cref="AlertingOptions"/> (groups and rule files, read now) as <see cref="PrometheusRuleExport"/>
/// writes them, for packages that deploy them to Prometheus; the built-in agent health group is not PromQL and is left out.
/// </summary>
internal sealed class AlertingPrometheusRuleSource(IOptions<AlertingOptions> options) : IPrometheusRuleSource
{
    /// <exception cref="RuleValidationException">A rule is invalid (the host's start fails on the same rules).</exception>
    public PrometheusRuleSet GetPrometheusRules() => PrometheusRuleExport.ToRuleSet(RuleLoader.Load(options.Value));
}
