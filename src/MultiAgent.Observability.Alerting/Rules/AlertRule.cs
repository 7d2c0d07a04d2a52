namespace MultiAgent.Observability.Alerting;

/// <summary>
/// An alerting rule: a condition over metric series, how long it must hold (<see cref="For"/>), how an alert
/// resolves (<see cref="KeepFiringFor"/>, <see cref="ResolveThreshold"/>, <see cref="NoData"/>), and what the alert carries.
/// </summary>
/// <remarks>
/// <see cref="Expression"/> is the PromQL subset the engine evaluates and exports unchanged:
/// <c>metric{label="v", label!="v", label=~"re", label!~"re"} &gt; 10</c> (a threshold; operators <c>&gt; &lt; &gt;= &lt;= == !=</c>),
/// <c>rate(counter_total{...}[5m]) &gt; 1</c> and <c>increase(...)</c> over counters, <c>delta(...)</c> and <c>deriv(...)</c> over
/// gauges, <c>absent(metric{...})</c> and <c>absent_over_time(metric{...}[10m])</c>, and selectors combined with
/// <c>sum [by (...)]</c>, <c>+ - * /</c>, comparisons and <c>and</c> (with <c>on(...)</c> / <c>ignoring(...)</c>). Counters are
/// selected by their exposed name (<c>x_total</c>), a histogram by <c>x_bucket</c>, <c>x_count</c> and <c>x_sum</c>.
/// The agent is the <c>agent_id</c> label.
/// </remarks>
public sealed class AlertRule
{
    /// <summary>Gets or sets the alert name (the <c>alertname</c> label); a Prometheus metric name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the condition, in the PromQL subset described on the class.</summary>
    public string Expression { get; set; } = string.Empty;

    /// <summary>Gets or sets how long the condition must hold before the alert fires; pending alerts are never sent.</summary>
    /// <value>The default value is zero: the alert fires at the first evaluation that meets the condition.</value>
    public TimeSpan For { get; set; }

    /// <summary>Gets or sets how long a firing alert keeps firing after its condition stops being met.</summary>
    /// <value>The default value is zero.</value>
    public TimeSpan KeepFiringFor { get; set; }

    /// <summary>
    /// Gets or sets the resolve threshold (hysteresis): a firing alert resolves only once the value crosses it
    /// (below it for <c>&gt;</c> and <c>&gt;=</c>, above it for <c>&lt;</c> and <c>&lt;=</c>). Prometheus cannot express it: such a rule is not exported.
    /// </summary>
    /// <value>The default value is null: the alert resolves when the condition stops being met.</value>
    public double? ResolveThreshold { get; set; }

    /// <summary>Gets or sets how long the resolve threshold must be crossed before the alert resolves (an inverted <see cref="For"/>). Not exported.</summary>
    /// <value>The default value is zero.</value>
    public TimeSpan ResolveFor { get; set; }

    /// <summary>Gets or sets what a missing series means for its alert. Anything but <see cref="NoDataPolicy.Resolve"/> is not exported.</summary>
    /// <value>The default value is <see cref="NoDataPolicy.Resolve"/>, Prometheus' behaviour.</value>
    public NoDataPolicy NoData { get; set; } = NoDataPolicy.Resolve;

    /// <summary>Gets or sets, with <see cref="NoDataPolicy.KeepState"/>, after how many evaluations in a row without data the alert resolves.</summary>
    /// <value>The default value is 5.</value>
    public int MissingEvaluationsToResolve { get; set; } = 5;

    /// <summary>Gets or sets the severity, sent as the <c>severity</c> label.</summary>
    /// <value>The default value is <see cref="Severity.Warning"/>.</value>
    public Severity Severity { get; set; } = Severity.Warning;

    /// <summary>Gets or sets extra labels; values may use <c>{{ $labels.name }}</c> (not <c>$value</c>, which would change the alert's identity).</summary>
    public IDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets annotations (<c>summary</c>, <c>description</c>...), templates re-rendered with the current <c>$value</c>.</summary>
    public IDictionary<string, string> Annotations { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
