namespace MultiAgent.Observability.Alerting;

/// <summary>Options of the alerting package. Every limit has a documented default; invalid values fail at host start.</summary>
public sealed class AlertingOptions
{
    /// <summary>Gets or sets the rule groups defined in code or configuration.</summary>
    public IList<AlertRuleGroup> Groups { get; set; } = [];

    /// <summary>Gets or sets paths of YAML rule files shaped like Prometheus rule files (<c>groups:</c>).</summary>
    public IList<string> RuleFiles { get; set; } = [];

    /// <summary>Gets or sets cost budgets: each becomes burn-rate and exhaustion alerts over <c>multiagent_gen_ai_cost_total</c> (rule files may add more under <c>budgets:</c>).</summary>
    public IList<CostBudget> Budgets { get; set; } = [];

    /// <summary>Gets the default loop alerts over the calls-per-invocation histograms.</summary>
    public LoopAlertOptions LoopAlerts { get; set; } = new();

    /// <summary>Gets or sets the evaluation interval of groups that set none.</summary>
    /// <value>The default value is 1 minute (Prometheus' <c>evaluation_interval</c>).</value>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how old a series' newest sample may be for the series to count as present (Prometheus' lookback delta).</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan LookbackDelta { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the least time between two sends of the same firing alert.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan ResendDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long a resolved alert is kept and re-sent.</summary>
    /// <value>The default value is 15 minutes.</value>
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets a value indicating whether the built-in <c>AgentUnhealthy</c> (warning) and <c>AgentDown</c> (critical) alerts follow the agent registry.</summary>
    /// <value>The default value is true.</value>
    public bool AgentHealthAlerts { get; set; } = true;

    /// <summary>Gets or sets the URL alerts link back to (<c>generatorURL</c>), or null.</summary>
    public Uri? ExternalUrl { get; set; }

    /// <summary>Gets the grouping and delivery of notifications.</summary>
    public AlertNotificationOptions Notifications { get; set; } = new();

    /// <summary>Gets the series the fleet health report reads.</summary>
    public FleetHealthReportOptions Report { get; set; } = new();

    /// <summary>Gets the Alertmanager delivery.</summary>
    public AlertmanagerOptions Alertmanager { get; set; } = new();
}
