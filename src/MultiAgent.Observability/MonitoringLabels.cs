namespace MultiAgent.Observability;

/// <summary>Label names every package writes and reads the same way: the pipeline, the exposition, the bridge, collection, alerting and the generated manifests.</summary>
public static class MonitoringLabels
{
    /// <summary>The label that carries an agent's id on every series: <c>agent_id</c>.</summary>
    public const string AgentId = "agent_id";
}
