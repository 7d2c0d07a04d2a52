namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// One alert (one label set of one rule) and its lifecycle, as Prometheus' <c>rules/alerting.go</c> keeps it:
/// pending from <see cref="ActiveAtMs"/>, firing from <see cref="FiredAtMs"/>, resolved at <see cref="ResolvedAtMs"/>
/// and kept (and re-sent) for the resolved retention. Times are Unix milliseconds; <see cref="Unset"/> means unset (0 is a valid time).
/// </summary>
internal sealed class AlertInstance
{
    /// <summary>The value of a time that is not set.</summary>
    public const long Unset = long.MinValue;

    public AlertState State { get; set; }

    public long ActiveAtMs { get; set; }

    public long FiredAtMs { get; set; } = Unset;

    public long ResolvedAtMs { get; set; } = Unset;

    public long LastSentAtMs { get; set; } = Unset;

    public long ValidUntilMs { get; set; } = Unset;

    /// <summary>Gets or sets when the condition was first missed while firing (for keep_firing_for); unset when met.</summary>
    public long KeepFiringSinceMs { get; set; } = Unset;

    /// <summary>Gets or sets when the resolve threshold was first crossed while firing (for resolve_for); 0 when not.</summary>
    public long ResolveSinceMs { get; set; } = Unset;

    /// <summary>Gets or sets the evaluations in a row without data (for the keep-state policy).</summary>
    public int MissingEvaluations { get; set; }

    public double Value { get; set; }

    /// <summary>Gets or sets a value indicating whether the resolution has been sent (Prometheus compares times; an agent can fire and recover within one millisecond).</summary>
    public bool ResolutionSent { get; set; }

    public bool ResolvedSinceLastSend => State == AlertState.Resolved && !ResolutionSent;
}
