namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// One alert (one label set of one rule) and its lifecycle, as Prometheus' <c>rules/alerting.go</c> keeps it:
/// pending from <see cref="ActiveAtMs"/>, firing from <see cref="FiredAtMs"/>, resolved at <see cref="ResolvedAtMs"/>
/// and kept (and re-sent) for the resolved retention. Times are Unix milliseconds; 0 means unset.
/// </summary>
internal sealed class AlertInstance
{
    public AlertState State { get; set; }

    public long ActiveAtMs { get; set; }

    public long FiredAtMs { get; set; }

    public long ResolvedAtMs { get; set; }

    public long LastSentAtMs { get; set; }

    public long ValidUntilMs { get; set; }

    /// <summary>Gets or sets when the condition was first missed while firing (for keep_firing_for); 0 when met.</summary>
    public long KeepFiringSinceMs { get; set; }

    /// <summary>Gets or sets when the resolve threshold was first crossed while firing (for resolve_for); 0 when not.</summary>
    public long ResolveSinceMs { get; set; }

    /// <summary>Gets or sets the evaluations in a row without data (for the keep-state policy).</summary>
    public int MissingEvaluations { get; set; }

    public double Value { get; set; }

    public bool ResolvedSinceLastSend => ResolvedAtMs != 0 && ResolvedAtMs > LastSentAtMs;
}
