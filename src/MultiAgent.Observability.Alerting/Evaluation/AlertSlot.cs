namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// One element a rule can produce: a selected series (or the single absence element, or one agent), bound once
/// with its final labels and fingerprint, so evaluating it again allocates nothing. Holds the alert while there is one.
/// </summary>
internal sealed class AlertSlot(int series, KeyValuePair<string, string>[] labels)
{
    /// <summary>Gets the series index entry (or the result element of a vector rule), or -1 for absence and agent elements.</summary>
    public int Series { get; } = series;

    /// <summary>Gets the alert labels, sorted by name.</summary>
    public KeyValuePair<string, string>[] Labels { get; } = labels;

    public ulong Fingerprint { get; } = Evaluation.Fingerprint.Of(labels);

    /// <summary>Gets or sets a value indicating whether the element is never evaluated (a function that does not fit the metric kind, or a duplicate label set).</summary>
    public bool Refused { get; set; }

    /// <summary>Gets or sets extra text for the alert (an agent's failure reason), shown as the <c>reason</c> annotation.</summary>
    public string? Detail { get; set; }

    public AlertInstance? Instance { get; set; }
}
