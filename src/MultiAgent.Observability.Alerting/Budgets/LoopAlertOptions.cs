namespace MultiAgent.Observability.Alerting;

/// <summary>
/// The default loop alerts: per agent, invocations that made more inference calls or tool calls than a limit within a
/// window, read from the <c>gen_ai_invoke_agent_inference_calls</c> and <c>gen_ai_invoke_agent_tool_calls</c> histograms
/// (invocations in the window minus those in the limit's bucket). Rules <c>AgentInferenceLoop</c> and <c>AgentToolLoop</c> in the group <c>gen-ai-loops</c>.
/// </summary>
public sealed class LoopAlertOptions
{
    /// <summary>Gets or sets a value indicating whether the loop alerts are loaded.</summary>
    /// <value>The default value is true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the most inference calls an invocation may make; a bucket bound of the histogram (1, 2, 4, … 128).</summary>
    /// <value>The default value is 32.</value>
    public int MaxInferenceCalls { get; set; } = 32;

    /// <summary>Gets or sets the most tool calls an invocation may make; a bucket bound of the histogram (1, 2, 4, … 128).</summary>
    /// <value>The default value is 32.</value>
    public int MaxToolCalls { get; set; } = 32;

    /// <summary>Gets or sets the window the invocations are counted over.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the alerts' severity.</summary>
    /// <value>The default value is <see cref="Severity.Warning"/>.</value>
    public Severity Severity { get; set; } = Severity.Warning;

    /// <summary>Builds the loop alerts' rule group, as the engine loads it and as <see cref="PrometheusRuleExport"/> exports it.</summary>
    /// <returns>The group <c>gen-ai-loops</c>.</returns>
    /// <exception cref="RuleValidationException">A limit is not a bucket bound, or the window is not positive.</exception>
    public AlertRuleGroup ToRuleGroup()
    {
        var errors = new List<RuleError>();
        var group = Budgets.BudgetRules.ToLoopGroup(this, "LoopAlertOptions", errors);
        return errors.Count > 0 ? throw new RuleValidationException(errors) : group!;
    }
}
