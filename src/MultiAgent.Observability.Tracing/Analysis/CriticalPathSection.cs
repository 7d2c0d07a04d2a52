namespace MultiAgent.Observability.Tracing;

/// <summary>
/// A stretch of the critical path: the time during which <see cref="SpanId"/> was the span the trace was waiting on.
/// Sections are sorted by start and tile the trace without overlap or gap.
/// </summary>
public sealed record CriticalPathSection
{
    /// <summary>
    /// Gets the span on the critical path, or <see langword="null"/> for an idle section: time between top-level spans when
    /// the trace has several roots and none of them was running.
    /// </summary>
    public string? SpanId { get; init; }

    /// <summary>Gets the agent of the span, or <see langword="null"/> for an idle section.</summary>
    public string? Agent { get; init; }

    /// <summary>Gets the operation of the span (see <see cref="AnalyzedSpan.Operation"/>), or <see langword="null"/> for an idle section.</summary>
    public string? Operation { get; init; }

    /// <summary>Gets the start of the section, in milliseconds from the start of the trace.</summary>
    public required double StartMs { get; init; }

    /// <summary>Gets the end of the section, in milliseconds from the start of the trace.</summary>
    public required double EndMs { get; init; }
}
