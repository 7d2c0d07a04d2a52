using System.Globalization;
using System.Text;
using MultiAgent.Observability.Alerting.Expressions;
using MultiAgent.Observability.Alerting.Templates;

namespace MultiAgent.Observability.Alerting.Budgets;

/// <summary>
/// Turns cost budgets and the loop limits into ordinary rule groups (so they are validated, evaluated and exported
/// like every other rule). The series names are those the GenAI metrics produce once bridged into the pipeline.
/// </summary>
internal static class BudgetRules
{
    /// <summary>The label naming the budget on its alerts.</summary>
    public const string BudgetLabel = "budget";

    /// <summary>The group of the loop alerts.</summary>
    public const string LoopGroup = "gen-ai-loops";

    /// <summary>The prefix of a budget's group name.</summary>
    public const string GroupPrefix = "cost-budget:";

    /// <summary>The shortest period: the slow pair's long window.</summary>
    public static readonly TimeSpan MinPeriod = TimeSpan.FromHours(6);

    /// <summary>The burn-rate pairs: alert name, long and short window, share of the budget spent in the long window, severity.</summary>
    public static readonly (string Alert, TimeSpan Long, TimeSpan Short, double Share, Severity Severity)[] Pairs =
    [
        ("CostBudgetFastBurn", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 0.02, Severity.Critical),
        ("CostBudgetSlowBurn", TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 0.05, Severity.Warning),
    ];

    /// <summary>The bucket bounds of the calls-per-invocation histograms, where a loop limit must lie.</summary>
    public static readonly int[] CallBounds = [1, 2, 4, 8, 16, 32, 64, 128];

    /// <summary>
    /// The burn-rate factor of a pair: the rate (in budgets per period) at which <paramref name="share"/> of the budget
    /// is spent within <paramref name="longWindow"/>, rounded to 4 decimals, at least 1. 30 days: 14.4 (2 % in 1 h), 6 (5 % in 6 h).
    /// </summary>
    public static double BurnFactor(TimeSpan period, TimeSpan longWindow, double share) =>
        Math.Max(1, Math.Round(share * (period / longWindow), 4));

    /// <summary>Validates a budget and builds its group; problems go to <paramref name="errors"/> (then the result is null).</summary>
    public static AlertRuleGroup? ToGroup(CostBudget? budget, string source, Func<string, int>? lineOf, List<RuleError> errors, string path = "")
    {
        var before = errors.Count;
        void Fail(string field, string message) => errors.Add(new RuleError
        {
            Source = source,
            Line = lineOf?.Invoke(path + field) ?? 0,
            Field = path + field,
            Message = message,
        });

        if (budget is null)
        {
            Fail("(budget)", "a budget is null");
            return null;
        }

        if (string.IsNullOrWhiteSpace(budget.Name) || budget.Name.Any(char.IsControl))
        {
            Fail("name", "a budget needs a name (no control characters)");
        }

        if (!(budget.Amount > 0) || double.IsInfinity(budget.Amount))
        {
            Fail("amount", $"the amount must be a positive number, not {budget.Amount.ToString(CultureInfo.InvariantCulture)}");
        }

        if (budget.Period < MinPeriod)
        {
            Fail("period", $"the period must be at least {PromDuration.Format(MinPeriod)} (the slow burn pair's long window), not {PromDuration.Format(budget.Period)}");
        }

        if (string.IsNullOrWhiteSpace(budget.Currency) || budget.Currency.Any(char.IsControl))
        {
            Fail("currency", "a budget needs a currency (the cost counter's currency label)");
        }

        var agents = budget.Agents ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < agents.Count; i++)
        {
            if (string.IsNullOrEmpty(agents[i]) || agents[i].Any(char.IsControl))
            {
                Fail($"agents[{i}]", "an agent id cannot be empty or hold control characters");
            }
            else if (!seen.Add(agents[i]))
            {
                Fail($"agents[{i}]", $"agent '{agents[i]}' is listed twice");
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        var selector = CostSelector(agents, budget.Currency);
        var by = agents.Count == 1 ? "sum by (agent_id, currency) " : "sum by (currency) ";
        var periodSeconds = budget.Period.TotalSeconds;
        var scope = agents.Count switch
        {
            0 => "the fleet",
            1 => "agent {{ $labels.agent_id }}",
            _ => $"team {budget.Name} ({agents.Count} agents)",
        };
        var amount = GoFloat.Format(budget.Amount);
        var group = new AlertRuleGroup { Name = GroupPrefix + budget.Name, Labels = { [BudgetLabel] = budget.Name } };
        foreach (var (alert, longWindow, shortWindow, share, severity) in Pairs)
        {
            var factor = BurnFactor(budget.Period, longWindow, share);
            var threshold = $"{GoFloat.Format(factor)} * {amount} / {periodSeconds.ToString(CultureInfo.InvariantCulture)}";
            group.Rules.Add(new AlertRule
            {
                Name = alert,
                Expression = $"{by}(rate({selector}[{PromDuration.Format(longWindow)}])) > {threshold} and {by}(rate({selector}[{PromDuration.Format(shortWindow)}])) > {threshold}",
                Severity = severity,
                Annotations =
                {
                    ["summary"] = $"{scope} spends {{{{ $value | humanize }}}} {budget.Currency}/s, {GoFloat.Format(factor)}x the rate that spends {amount} {budget.Currency} in {PromDuration.Format(budget.Period)} (over {PromDuration.Format(longWindow)} and {PromDuration.Format(shortWindow)})",
                },
            });
        }

        group.Rules.Add(new AlertRule
        {
            Name = "CostBudgetExhausted",
            Expression = $"{by}(increase({selector}[{PromDuration.Format(budget.Period)}])) >= {amount}",
            Severity = Severity.Critical,
            Annotations =
            {
                ["summary"] = $"{scope} spent {{{{ $value | humanize }}}} {budget.Currency} in {PromDuration.Format(budget.Period)}, its budget is {amount} {budget.Currency}",
            },
        });
        return group;
    }

    /// <summary>Validates the loop limits and builds their group; problems go to <paramref name="errors"/> (then the result is null).</summary>
    public static AlertRuleGroup? ToLoopGroup(LoopAlertOptions options, string source, List<RuleError> errors)
    {
        var before = errors.Count;
        foreach (var (field, limit) in new[] { ("MaxInferenceCalls", options.MaxInferenceCalls), ("MaxToolCalls", options.MaxToolCalls) })
        {
            if (Array.IndexOf(CallBounds, limit) < 0)
            {
                errors.Add(new RuleError { Source = source, Field = field, Message = $"{limit} is not a bucket bound of the calls histogram ({string.Join(", ", CallBounds)})" });
            }
        }

        if (options.Window <= TimeSpan.Zero)
        {
            errors.Add(new RuleError { Source = source, Field = "Window", Message = "the window must be positive" });
        }

        if (errors.Count > before)
        {
            return null;
        }

        var window = PromDuration.Format(options.Window);
        var group = new AlertRuleGroup { Name = LoopGroup };
        foreach (var (alert, metric, limit, what) in new[]
        {
            ("AgentInferenceLoop", GenAISeriesNames.InferenceCalls, options.MaxInferenceCalls, "inference calls"),
            ("AgentToolLoop", GenAISeriesNames.ToolCalls, options.MaxToolCalls, "tool calls"),
        })
        {
            group.Rules.Add(new AlertRule
            {
                Name = alert,
                Expression = $"sum by (agent_id) (increase({metric}_count[{window}])) - sum by (agent_id) (increase({metric}_bucket{{le=\"{limit}\"}}[{window}])) > 0",
                Severity = options.Severity,
                Annotations =
                {
                    ["summary"] = $"{{{{ $labels.agent_id }}}}: {{{{ $value | humanize }}}} invocations in {window} made more than {limit} {what}",
                },
            });
        }

        return group;
    }

    private static string CostSelector(IList<string> agents, string currency)
    {
        var text = new StringBuilder(GenAISeriesNames.CostTotal).Append('{').Append(GenAISeriesNames.CurrencyLabel).Append('=').Append(Quote(currency));
        if (agents.Count == 1)
        {
            text.Append(", ").Append(MonitoringLabels.AgentId).Append('=').Append(Quote(agents[0]));
        }
        else if (agents.Count > 1)
        {
            text.Append(", ").Append(MonitoringLabels.AgentId).Append("=~").Append(Quote(string.Join('|', agents.Select(EscapeRegex))));
        }

        return text.Append('}').ToString();
    }

    // RE2 and .NET agree on escaping these metacharacters with a backslash.
    private static string EscapeRegex(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if ("\\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
