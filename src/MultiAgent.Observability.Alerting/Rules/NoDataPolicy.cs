namespace MultiAgent.Observability.Alerting;

/// <summary>What an alert does when its series has no data (no sample within the lookback, or too few in the window). Missing data is not resolution unless chosen.</summary>
public enum NoDataPolicy
{
    /// <summary>Missing data counts as the condition not being met (Prometheus): the alert resolves, after <see cref="AlertRule.KeepFiringFor"/>.</summary>
    Resolve,

    /// <summary>The alert keeps its state until data returns, or resolves after <see cref="AlertRule.MissingEvaluationsToResolve"/> evaluations without data.</summary>
    KeepState,

    /// <summary>Missing data counts as the condition being met: the alert goes pending, then fires.</summary>
    Alerting,
}
