namespace MultiAgent.Observability.Alerting;

/// <summary>The rule engine: the active rules, their alerts, and reloading. Thread-safe.</summary>
public interface IAlertEngine
{
    /// <summary>Gets every alert the engine holds: pending, firing, and resolved ones still retained; sorted by name, then labels.</summary>
    /// <returns>A snapshot.</returns>
    IReadOnlyList<Alert> GetAlerts();

    /// <summary>Gets the engine's counters.</summary>
    /// <returns>A snapshot.</returns>
    AlertingStatistics GetStatistics();

    /// <summary>Reloads the rules from <see cref="AlertingOptions.Groups"/> and <see cref="AlertingOptions.RuleFiles"/> (files are read again). Alerts of unchanged rules keep their state.</summary>
    /// <exception cref="RuleValidationException">A rule is invalid: every problem is listed, and the previous rules keep running.</exception>
    void ReloadRules();
}
