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

    /// <summary>
    /// The groups as Prometheus reads them; a rule PromQL cannot express is left out and listed in
    /// <see cref="PrometheusRuleSet.Unexported"/> (one entry per reason).
    /// </summary>
    internal static PrometheusRuleSet ToRuleSet(IReadOnlyList<CompiledGroup> compiled)
    {
        var groups = new List<PrometheusRuleGroup>(compiled.Count);
        var unexported = new List<UnexportedPrometheusRule>();
        foreach (var group in compiled)
        {
            if (group.Source is null)
            {
                // The built-in agent health group follows the agent registry, which Prometheus does not see.
                continue;
            }

            var rules = new List<PrometheusRuleDefinition>(group.Rules.Count);
            foreach (var rule in group.Rules)
            {
                var before = unexported.Count;
                var source = rule.Source!;
                if (source.ResolveThreshold is not null)
                {
                    unexported.Add(Unexported(group, rule, "a resolve threshold (hysteresis) has no PromQL equivalent"));
                }

                if (source.ResolveFor > TimeSpan.Zero)
                {
                    unexported.Add(Unexported(group, rule, "a resolve delay (resolve_for) has no PromQL equivalent; keep_firing_for is the nearest and behaves differently"));
                }

                if (source.NoData != NoDataPolicy.Resolve)
                {
                    unexported.Add(Unexported(group, rule, $"the missing-data policy {source.NoData} has no PromQL equivalent (Prometheus resolves on missing data)"));
                }

                if (unexported.Count > before)
                {
                    continue;
                }

                rules.Add(new PrometheusRuleDefinition
                {
                    Alert = rule.Name,
                    Expr = rule.ExpressionText,
                    For = rule.For,
                    KeepFiringFor = rule.KeepFiringFor,

                    // Prometheus 2.x rule files have no group labels: they are merged into each rule (the rule's own win).
                    Labels = [.. rule.Labels
                        .Where(static l => l.Name != RuleCompiler.AlertNameLabel)
                        .Select(static l => KeyValuePair.Create(l.Name, l.Value.Text))
                        .OrderBy(static l => l.Key, StringComparer.Ordinal)],
                    Annotations = [.. source.Annotations.OrderBy(static a => a.Key, StringComparer.Ordinal)],
                });
            }

            groups.Add(new PrometheusRuleGroup { Name = group.Name, Interval = group.Interval, Limit = group.Source.Limit, Rules = rules });
        }

        return new PrometheusRuleSet { Groups = groups, Unexported = unexported };
    }

    private static UnexportedPrometheusRule Unexported(CompiledGroup group, CompiledRule rule, string reason) =>
        new() { Group = group.Name, Rule = rule.Name, Reason = reason };

    private static PrometheusRuleSet Compile(IEnumerable<AlertRuleGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var errors = new List<RuleError>();
        var compiled = RuleCompiler.Compile([.. groups], "export", null, TimeSpan.FromMinutes(1), errors);
        if (errors.Count > 0)
        {
            throw new RuleValidationException(errors);
        }

        var set = ToRuleSet(compiled);
        return set.Unexported.Count > 0 ? throw new RuleExportException([.. set.Unexported.Select(static u => u.ToString())]) : set;
    }

    private static void WriteGroups(Export.YamlWriter yaml, PrometheusRuleSet set)
    {
        yaml.BeginList("groups");
        foreach (var group in set.Groups)
        {
            yaml.BeginMap().Field("name", group.Name).Field("interval", PromDuration.Format(group.Interval ?? TimeSpan.FromMinutes(1)));
            if (group.Limit > 0)
            {
                yaml.Number("limit", group.Limit);
            }

            yaml.BeginList("rules");
            foreach (var rule in group.Rules)
            {
                yaml.BeginMap().Field("alert", rule.Alert!).Field("expr", rule.Expr);
                if (rule.For > TimeSpan.Zero)
                {
                    yaml.Field("for", PromDuration.Format(rule.For));
                }

                if (rule.KeepFiringFor > TimeSpan.Zero)
                {
                    yaml.Field("keep_firing_for", PromDuration.Format(rule.KeepFiringFor));
                }

                yaml.Map("labels", rule.Labels);
                yaml.Map("annotations", rule.Annotations);
                yaml.EndMap();
            }

            yaml.EndList().EndMap();
        }

        yaml.EndList();
    }
}
