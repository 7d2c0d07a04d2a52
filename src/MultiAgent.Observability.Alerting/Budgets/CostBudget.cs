namespace MultiAgent.Observability.Alerting;

/// <summary>
/// A cost budget: an amount of money an agent, a team (a named set of agents) or the whole fleet may spend over a
/// rolling period, watched over the <c>multiagent_gen_ai_cost_total</c> counter. It becomes three alert rules: a fast
/// burn pair (1 h and 5 m, severity critical: page), a slow burn pair (6 h and 30 m, warning: ticket) and
/// <c>CostBudgetExhausted</c> (spend over the period at or above the amount, critical).
/// </summary>
/// <remarks>
/// A burn-rate alert fires when the spend rate over its long window and over its short window both exceed
/// factor × <see cref="Amount"/> / <see cref="Period"/>, so a spike that has stopped no longer pages. The factor is the
/// rate at which a share of the budget (2 % for the fast pair, 5 % for the slow pair) is spent within the long window:
/// factor = share × period / long window, at least 1 (a smaller factor would alert on spending within budget). For a
/// 30-day period that is 14.4 (fast) and 6 (slow); for 7 days 3.36 and 1.4; for 1 day 1 and 1.
/// </remarks>
public sealed class CostBudget
{
    /// <summary>Gets or sets the budget's name: the <c>budget</c> label of its alerts and part of its group name (<c>cost-budget:NAME</c>).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the agent ids the budget covers: one for an agent's budget, several for a team's.</summary>
    /// <value>The default value is empty: the whole fleet.</value>
    public IList<string> Agents { get; set; } = [];

    /// <summary>Gets or sets the rolling period the amount covers; at least 6 hours (the slow pair's long window).</summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets the amount that may be spent over <see cref="Period"/>, in <see cref="Currency"/>; must be positive.</summary>
    public double Amount { get; set; }

    /// <summary>Gets or sets the currency (the cost counter's <c>currency</c> label).</summary>
    /// <value>The default value is <c>USD</c>.</value>
    public string Currency { get; set; } = "USD";

    /// <summary>Builds the budget's rule group, as the engine loads it and as <see cref="PrometheusRuleExport"/> exports it.</summary>
    /// <returns>The group <c>cost-budget:NAME</c> with the fast burn, slow burn and exhausted rules.</returns>
    /// <exception cref="RuleValidationException">The budget is invalid; every problem is listed.</exception>
    public AlertRuleGroup ToRuleGroup()
    {
        var errors = new List<RuleError>();
        var group = Budgets.BudgetRules.ToGroup(this, "CostBudget", null, errors);
        return errors.Count > 0 ? throw new RuleValidationException(errors) : group!;
    }
}
