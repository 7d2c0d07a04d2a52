namespace MultiAgent.Observability.Alerting;

/// <summary>A group of rules evaluated together on one interval, as a Prometheus rule group.</summary>
public sealed class AlertRuleGroup
{
    /// <summary>Gets or sets the group name, unique among the loaded groups.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets how often the group is evaluated.</summary>
    /// <value>The default value is null: <see cref="AlertingOptions.EvaluationInterval"/>.</value>
    public TimeSpan? Interval { get; set; }

    /// <summary>Gets or sets the most alerts one rule may have active; past it the rule fails and its alerts are dropped, as in Prometheus.</summary>
    /// <value>The default value is 0: no limit.</value>
    public int Limit { get; set; }

    /// <summary>Gets or sets labels added to every alert of the group (a rule's own labels win).</summary>
    public IDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the rules.</summary>
    public IList<AlertRule> Rules { get; set; } = [];
}
