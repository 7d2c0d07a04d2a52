using System.ComponentModel.DataAnnotations;

namespace MultiAgent.Observability.Metrics.Bridge;

/// <summary>
/// Options of the <see cref="System.Diagnostics.Metrics.MeterListener"/> bridge, which copies measurements of chosen
/// meters (for example <c>System.Runtime</c> or an agent framework's GenAI meter) into the metric pipeline.
/// Invalid values fail at host start.
/// </summary>
public sealed class MeterBridgeOptions
{
    /// <summary>
    /// Gets the meters to bridge, opt-in: exact names (<c>System.Runtime</c>, compared ignoring case) or prefixes ending
    /// in <c>*</c> (<c>MyCompany.*</c> matches <c>MyCompany.Agents</c>; a lone <c>*</c> matches every meter). A <c>*</c>
    /// anywhere but at the end is invalid. At least one entry is required.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> Meters { get; } = [];

    /// <summary>
    /// Gets or sets the agent id of measurements that carry none of the tags <c>agent_id</c>, <c>gen_ai.agent.name</c>
    /// or <c>gen_ai.agent.id</c> (looked up in that order): normally the id of the agent this host runs.
    /// </summary>
    /// <value>The default value is <c>host</c>.</value>
    [Required]
    public string DefaultAgentId { get; set; } = "host";

    /// <summary>Gets or sets how often observable instruments (observable counters, up-down counters and gauges) are polled.</summary>
    /// <value>The default value is 10 seconds. At least 100 milliseconds.</value>
    public TimeSpan ObservableInterval { get; set; } = TimeSpan.FromSeconds(10);
}
