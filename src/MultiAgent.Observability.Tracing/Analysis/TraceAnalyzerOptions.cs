namespace MultiAgent.Observability.Tracing;

/// <summary>Limits of <see cref="TraceAnalyzer"/>.</summary>
public sealed class TraceAnalyzerOptions
{
    /// <summary>Gets or sets the largest number of spans analysed; later spans are ignored and reported as <see cref="TraceProblemKind.TooManySpans"/>.</summary>
    /// <value>The default value is 100,000.</value>
    public int MaxSpans { get; set; } = 100_000;
}
