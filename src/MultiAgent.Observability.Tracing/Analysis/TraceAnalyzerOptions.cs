namespace MultiAgent.Observability.Tracing;

/// <summary>Limits of <see cref="TraceAnalyzer"/>.</summary>
public sealed class TraceAnalyzerOptions
{
    /// <summary>Gets or sets the largest number of spans analysed; later spans are ignored and reported as <see cref="TraceProblemKind.TooManySpans"/>.</summary>
    /// <value>The default value is 100,000.</value>
    public int MaxSpans { get; set; } = 100_000;

    /// <summary>
    /// Gets or sets the prices the estimated cost per trace and per agent is computed with, or <see langword="null"/> for no
    /// cost (<see cref="TraceAnalysis.Costs"/> and <see cref="AgentParticipation.Costs"/> are then <see langword="null"/>).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public GenAIPriceTable? Prices { get; set; }
}
