using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Alerting.Expressions;

namespace MultiAgent.Observability.Alerting;

/// <summary>
/// Writes rule groups for Prometheus: as a rule file (<c>groups:</c>, for <c>rule_files</c> and <c>promtool</c>) and as a
/// Prometheus-operator <c>PrometheusRule</c> object. Each rule keeps its expression, <c>for</c>, <c>keep_firing_for</c>,
/// labels (group labels merged in, <c>severity</c> added) and annotations, so Prometheus fires the same alerts.
/// A rule PromQL cannot express (a resolve threshold, a resolve delay, a missing-data policy other than resolve) is refused, never approximated.
/// </summary>
public static class PrometheusRuleExport
{
    /// <summary>Writes a Prometheus rule file.</summary>
    /// <param name="groups">The groups.</param>
    /// <returns>The YAML text.</returns>
    /// <exception cref="RuleValidationException">A rule is invalid.</exception>
    /// <exception cref="RuleExportException">A rule cannot be expressed in PromQL; every such rule is listed.</exception>
    public static string ToRuleFile(IEnumerable<AlertRuleGroup> groups)
    {
        var compiled = Compile(groups);
        using var yaml = new Export.YamlWriter();
        WriteGroups(yaml.BeginMap(), compiled);
        return yaml.EndMap().Finish();
    }

    /// <summary>Writes a <c>monitoring.coreos.com/v1</c> <c>PrometheusRule</c>.</summary>
    /// <param name="groups">The groups.</param>
    /// <param name="name">The object name.</param>
    /// <param name="namespace">The namespace.</param>
    /// <param name="labels">Labels of the object (the operator's <c>ruleSelector</c> matches them), or null.</param>
    /// <returns>The YAML text.</returns>
    /// <exception cref="RuleValidationException">A rule is invalid.</exception>
    /// <exception cref="RuleExportException">A rule cannot be expressed in PromQL; every such rule is listed.</exception>
    public static string ToPrometheusRule(IEnumerable<AlertRuleGroup> groups, string name, string @namespace, IReadOnlyDictionary<string, string>? labels = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(@namespace);
        var compiled = Compile(groups);
        using var yaml = new Export.YamlWriter();
        yaml.BeginMap()
            .Field("apiVersion", "monitoring.coreos.com/v1")
            .Field("kind", "PrometheusRule")
            .Key("metadata").BeginMap()
            .Field("name", name)
            .Field("namespace", @namespace)
            .Map("labels", labels ?? new Dictionary<string, string>())
            .EndMap()
            .Key("spec").BeginMap();
        WriteGroups(yaml, compiled);
        return yaml.EndMap().EndMap().Finish();
    }

    private static List<CompiledGroup> Compile(IEnumerable<AlertRuleGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var errors = new List<RuleError>();
        var compiled = RuleCompiler.Compile([.. groups], "export", null, TimeSpan.FromMinutes(1), errors);
        if (errors.Count > 0)
        {
            throw new RuleValidationException(errors);
        }

        var reasons = new List<string>();
        foreach (var group in compiled)
        {
            foreach (var rule in group.Rules)
            {
                var source = rule.Source!;
                if (source.ResolveThreshold is not null)
                {
                    reasons.Add($"{group.Name}/{rule.Name}: a resolve threshold (hysteresis) has no PromQL equivalent");
                }

                if (source.ResolveFor > TimeSpan.Zero)
                {
                    reasons.Add($"{group.Name}/{rule.Name}: a resolve delay (resolve_for) has no PromQL equivalent; keep_firing_for is the nearest and behaves differently");
                }

                if (source.NoData != NoDataPolicy.Resolve)
                {
                    reasons.Add($"{group.Name}/{rule.Name}: the missing-data policy {source.NoData} has no PromQL equivalent (Prometheus resolves on missing data)");
                }
            }
        }

        return reasons.Count > 0 ? throw new RuleExportException(reasons) : compiled;
    }

    private static void WriteGroups(Export.YamlWriter yaml, List<CompiledGroup> groups)
    {
        yaml.BeginList("groups");
        foreach (var group in groups)
        {
            yaml.BeginMap().Field("name", group.Name).Field("interval", PromDuration.Format(group.Interval));
            if (group.Source!.Limit > 0)
            {
                yaml.Number("limit", group.Source.Limit);
            }

            yaml.BeginList("rules");
            foreach (var rule in group.Rules)
            {
                var source = rule.Source!;
                yaml.BeginMap().Field("alert", rule.Name).Field("expr", rule.ExpressionText);
                if (rule.For > TimeSpan.Zero)
                {
                    yaml.Field("for", PromDuration.Format(rule.For));
                }

                if (rule.KeepFiringFor > TimeSpan.Zero)
                {
                    yaml.Field("keep_firing_for", PromDuration.Format(rule.KeepFiringFor));
                }

                // Prometheus 2.x rule files have no group labels: they are merged into each rule (the rule's own win).
                yaml.Map("labels", rule.Labels
                    .Where(static l => l.Name != RuleCompiler.AlertNameLabel)
                    .Select(static l => KeyValuePair.Create(l.Name, l.Value.Text)));
                yaml.Map("annotations", source.Annotations);
                yaml.EndMap();
            }

            yaml.EndList().EndMap();
        }

        yaml.EndList();
    }
}
