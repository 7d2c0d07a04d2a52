namespace MultiAgent.Observability.AspNetCore;

/// <summary>
/// The names and tags of the health checks <c>AddMonitoringEndpoints()</c> registers with ASP.NET Core's
/// <c>AddHealthChecks()</c>. <c>/healthz</c> runs the checks tagged <see cref="LiveTag"/>, <c>/readyz</c> those tagged
/// <see cref="ReadyTag"/>; tag a check of your own with one of them to add it there. The fleet checks are tagged
/// <see cref="FleetTag"/> and are in neither, so an unhealthy agent never takes the monitoring host out of service; map
/// them with <c>app.MapHealthChecks("/health/fleet", new() { Predicate = c =&gt; c.Tags.Contains(MonitoringHealthChecks.FleetTag) })</c>.
/// </summary>
public static class MonitoringHealthChecks
{
    /// <summary>The tag of the liveness checks, run by <c>/healthz</c>.</summary>
    public const string LiveTag = "multiagent.live";

    /// <summary>The tag of the readiness checks, run by <c>/readyz</c>.</summary>
    public const string ReadyTag = "multiagent.ready";

    /// <summary>The tag of the fleet health checks (agents and firing alerts).</summary>
    public const string FleetTag = "multiagent.fleet";

    /// <summary>The name of the liveness check: healthy while the process answers.</summary>
    public const string LiveCheck = "multiagent-live";

    /// <summary>
    /// The name of the readiness check: healthy once the host has started (the metric pipeline accepts samples and the
    /// alert rules are loaded and evaluated on their timers) and while the monitoring background services (collection,
    /// host metrics, staleness) run; unhealthy before start, once stopping, and when one of them has ended.
    /// </summary>
    public const string ReadyCheck = "multiagent-ready";

    /// <summary>The name of the agents check: healthy when every registered agent is active, degraded when some are not, unhealthy when none is.</summary>
    public const string AgentsCheck = "multiagent-agents";

    /// <summary>The name of the alerts check: healthy with no alert firing, degraded with a warning or info alert firing, unhealthy with a critical or emergency one.</summary>
    public const string AlertsCheck = "multiagent-alerts";
}
