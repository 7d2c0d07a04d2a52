namespace MultiAgent.Observability.Tracing;

/// <summary>What was wrong with the spans of a trace. The analysis reports each kind once, with a count.</summary>
public enum TraceProblemKind
{
    /// <summary>The trace had no spans the analysis could use.</summary>
    EmptyTrace,

    /// <summary>A <see langword="null"/> entry in the span list; ignored.</summary>
    NullSpan,

    /// <summary>A span of another trace than the first span's; ignored.</summary>
    ForeignTraceId,

    /// <summary>A span whose span id is all zeros; ignored.</summary>
    InvalidSpanId,

    /// <summary>A second span with an id already seen; the first one is kept, this one ignored.</summary>
    DuplicateSpanId,

    /// <summary>More spans than <see cref="TraceAnalyzerOptions.MaxSpans"/>; the rest were ignored.</summary>
    TooManySpans,

    /// <summary>A span whose parent is not in the trace (lost, sampled out, or not yet arrived); treated as a root.</summary>
    OrphanSpan,

    /// <summary>A span that has not finished; its end is taken as the latest time seen in the trace.</summary>
    UnfinishedSpan,

    /// <summary>A span that ends before it starts; its duration is taken as zero.</summary>
    NegativeDuration,

    /// <summary>Parent links that form a cycle; the cycle was broken at its earliest span, which became a root.</summary>
    ParentCycle,

    /// <summary>
    /// The trace has no single root: several spans without a parent, or orphans. The duration is then from the first start
    /// to the last end of the top-level spans, and the critical path may contain idle sections.
    /// </summary>
    NoSingleRoot,

    /// <summary>A child lying entirely outside its parent's interval; left out of the critical path (as Jaeger does).</summary>
    ChildOutsideParent,

    /// <summary>A token count attribute that is not a non-negative integer (for example the string <c>"abc"</c>); ignored.</summary>
    InvalidTokenCount,
}
