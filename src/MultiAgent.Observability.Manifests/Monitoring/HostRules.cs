using MultiAgent.Observability.Manifests.Kubernetes;

namespace MultiAgent.Observability.Manifests.Monitoring;

/// <summary>
/// The rules the host runs (every <see cref="IPrometheusRuleSource"/>, such as the alerting package's), converted to
/// the rule-file model so they are deployed next to the built-in groups and Prometheus fires the same alerts as the host.
/// </summary>
internal static class HostRules
{
    /// <summary>Reads every source; the rules a source cannot export go to <paramref name="unexported"/>.</summary>
    public static List<RuleGroup> Collect(IReadOnlyList<IPrometheusRuleSource> sources, List<UnexportedPrometheusRule> unexported)
    {
        var groups = new List<RuleGroup>();
        foreach (var source in sources)
        {
            var set = source.GetPrometheusRules();
            unexported.AddRange(set.Unexported);
            foreach (var group in set.Groups)
            {
                groups.Add(Convert(group));
            }
        }

        return groups;
    }

    /// <summary>Names used by more than one group: Prometheus refuses a rule file whose group names repeat.</summary>
    public static List<DescriptionProblem> DuplicateNames(IReadOnlyList<RuleGroup> builtIn, IReadOnlyList<RuleGroup> host)
    {
        var problems = new List<DescriptionProblem>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in builtIn)
        {
            names.Add(group.Name);
        }

        foreach (var group in host)
        {
            if (!names.Add(group.Name))
            {
                problems.Add(new DescriptionProblem("name", $"the rule group '{group.Name}' registered in the host has the name of another group in the rule file (the built-in group is named after the system); rename one of them"));
            }
        }

        return problems;
    }

    private static RuleGroup Convert(PrometheusRuleGroup group)
    {
        var rules = new List<Rule>(group.Rules.Count);
        foreach (var rule in group.Rules)
        {
            rules.Add(new Rule
            {
                Alert = rule.Alert,
                Record = rule.Record,
                Expr = rule.Expr,
                For = Duration(rule.For),
                KeepFiringFor = Duration(rule.KeepFiringFor),
                Labels = rule.Labels.Count == 0 ? null : WellKnownLabels.Sorted(rule.Labels),
                Annotations = rule.Annotations.Count == 0 ? null : WellKnownLabels.Sorted(rule.Annotations),
            });
        }

        return new RuleGroup
        {
            Name = group.Name,
            Interval = group.Interval is { } interval ? Durations.Format(interval) : null,
            Limit = group.Limit > 0 ? group.Limit : null,
            Rules = rules,
        };
    }

    private static string? Duration(TimeSpan value) => value > TimeSpan.Zero ? Durations.Format(value) : null;
}
