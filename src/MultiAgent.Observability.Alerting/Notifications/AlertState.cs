namespace MultiAgent.Observability.Alerting;

/// <summary>Where an alert is in its lifecycle.</summary>
public enum AlertState
{
    /// <summary>The condition holds but not yet for the rule's <see cref="AlertRule.For"/>; never sent.</summary>
    Pending,

    /// <summary>The alert is firing; re-sent every resend delay.</summary>
    Firing,

    /// <summary>The alert resolved; kept and re-sent for the resolved retention so the resolution is not lost.</summary>
    Resolved,
}
