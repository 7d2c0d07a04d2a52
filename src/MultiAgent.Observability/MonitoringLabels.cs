namespace MultiAgent.Observability;

/// <summary>Label names every package writes and reads the same way: the pipeline, the exposition, the bridge, collection, alerting and the generated manifests.</summary>
public static class MonitoringLabels
{
    /// <summary>The label that carries an agent's id on every series: <c>agent_id</c>.</summary>
    public const string AgentId = "agent_id";

    /// <summary>
    /// Where a scraped series' own <c>agent_id</c> is kept when the scraper's target label of the same name wins:
    /// <c>exported_agent_id</c>, Prometheus' rule for clashing labels (<c>honor_labels: false</c>), which the collector follows too.
    /// </summary>
    public const string ExportedAgentId = "exported_" + AgentId;
}
