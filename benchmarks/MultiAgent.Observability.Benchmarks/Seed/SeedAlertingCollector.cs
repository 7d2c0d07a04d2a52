namespace MultiAgent.Observability.Benchmarks.Seed;

/// <summary>
/// The original design's collector with alert rules configured: <c>_process_metric</c> (<see cref="SeedMetricsCollector"/>)
/// followed by <c>_check_alert_rules</c>, which runs <c>_evaluate_alert_rule</c> for every rule on every sample.
/// Benchmark-only: the baseline whose per-sample cost grows with the rule count.
/// </summary>
/// <remarks>
/// Rules are the original's dictionaries (<c>name</c>, <c>metric_name</c>, <c>agent_id</c>, <c>condition_type</c>,
/// <c>operator</c>, <c>threshold</c>, <c>rate_threshold</c>, <c>description</c>, <c>severity</c>) read with dictionary lookups
/// as the Python does; a triggered rule builds its <c>rule:agent:metric</c> id and checks <c>active_alerts</c>.
/// </remarks>
internal sealed class SeedAlertingCollector
{
    private readonly SeedMetricsCollector _collector = new();
    private readonly List<Dictionary<string, object>> _alertRules = [];
    private readonly Dictionary<string, string> _activeAlerts = [];

    public int ActiveAlerts => _activeAlerts.Count;

    /// <summary><c>add_alert_rule</c>: name, description and condition_type are required.</summary>
    public void AddAlertRule(Dictionary<string, object> rule)
    {
        if (!rule.ContainsKey("name") || !rule.ContainsKey("description") || !rule.ContainsKey("condition_type"))
        {
            throw new ArgumentException("Alert rule must contain: ['name', 'description', 'condition_type']");
        }

        _alertRules.Add(rule);
    }

    public void ProcessMetric(SeedMetric metric)
    {
        _collector.ProcessMetric(metric);
        foreach (var rule in _alertRules)
        {
            if (EvaluateAlertRule(rule, metric))
            {
                TriggerAlert(rule, metric);
            }
        }
    }

    private bool EvaluateAlertRule(Dictionary<string, object> rule, SeedMetric metric)
    {
        // if rule.get('metric_name') and rule['metric_name'] != metric.metric_name: return False
        if (rule.TryGetValue("metric_name", out var name) && (string)name != metric.MetricName)
        {
            return false;
        }

        if (rule.TryGetValue("agent_id", out var agent) && (string)agent != metric.AgentId)
        {
            return false;
        }

        var conditionType = rule.TryGetValue("condition_type", out var type) ? (string)type : "threshold";
        if (conditionType == "threshold")
        {
            var op = rule.TryGetValue("operator", out var o) ? (string)o : ">";
            var threshold = rule.TryGetValue("threshold", out var t) ? (double)t : 0;
            return op switch
            {
                ">" => metric.Value > threshold,
                "<" => metric.Value < threshold,
                ">=" => metric.Value >= threshold,
                "<=" => metric.Value <= threshold,
                "==" => metric.Value == threshold,
                "!=" => metric.Value != threshold,
                _ => false,
            };
        }

        if (conditionType == "rate_of_change")
        {
            var recent = _collector.GetAggregation($"{metric.AgentId}:{metric.MetricName}");
            if (recent.Length >= 2)
            {
                var rate = (recent[^1] - recent[^2]) / 30.0;
                return rate > (rule.TryGetValue("rate_threshold", out var r) ? (double)r : 0);
            }
        }

        return false;
    }

    private void TriggerAlert(Dictionary<string, object> rule, SeedMetric metric)
    {
        var alertId = $"{rule["name"]}:{metric.AgentId}:{metric.MetricName}";
        if (_activeAlerts.ContainsKey(alertId))
        {
            return;
        }

        _activeAlerts[alertId] = ((string)rule["description"]).Replace("{agent_id}", metric.AgentId, StringComparison.Ordinal);
    }
}
