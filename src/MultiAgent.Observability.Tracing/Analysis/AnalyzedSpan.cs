namespace MultiAgent.Observability.Tracing;

/// <summary>One span of an analysed trace, with its place in the tree, its agent and operation, and its flags.</summary>
public sealed record AnalyzedSpan
{
    /// <summary>Gets the span's id (lowercase hex).</summary>
    public required string SpanId { get; init; }

    /// <summary>Gets the parent's id as the span gave it (even when the parent is not in the trace), or <see langword="null"/>.</summary>
    public string? ParentSpanId { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Gets the agent the span belongs to: its <c>gen_ai.agent.name</c>, else <c>gen_ai.agent.id</c>, else
    /// <c>service.name</c>, else the agent of its nearest ancestor, else <see cref="TraceAnalysis.UnknownAgent"/>.
    /// </summary>
    public required string Agent { get; init; }

    /// <summary>
    /// Gets the operation from <c>gen_ai.operation.name</c>: <c>invoke_agent</c>, <c>create_agent</c>, <c>chat</c>,
    /// <c>text_completion</c>, <c>generate_content</c>, <c>embeddings</c>, <c>execute_tool</c>, or
    /// <see cref="TraceAnalysis.OtherOperation"/>. Never taken from the display name.
    /// </summary>
    public required string Operation { get; init; }

    /// <summary>Gets the start, in milliseconds from the start of the trace (negative when the span starts before a root).</summary>
    public required double StartMs { get; init; }

    /// <summary>Gets the end, in milliseconds from the start of the trace; for an unfinished span, the latest time seen in the trace.</summary>
    public required double EndMs { get; init; }

    /// <summary>Gets <see cref="EndMs"/> minus <see cref="StartMs"/>.</summary>
    public double DurationMs => EndMs - StartMs;

    /// <summary>Gets the duration minus the union of the children's intervals clipped to this span.</summary>
    public required double SelfTimeMs { get; init; }

    /// <summary>Gets the depth in the tree: 0 for roots and orphans.</summary>
    public required int Depth { get; init; }

    /// <summary>
    /// Gets a value indicating whether the span is a root: it names no parent, or a cycle in parent links was broken at it
    /// (see <see cref="TraceProblemKind.ParentCycle"/>). Orphans are not roots.
    /// </summary>
    public bool IsRoot { get; init; }

    /// <summary>Gets a value indicating whether the span names a parent that is not in the trace.</summary>
    public bool IsOrphan { get; init; }

    /// <summary>Gets a value indicating whether the span has not finished.</summary>
    public bool IsUnfinished { get; init; }

    /// <summary>Gets a value indicating whether the span failed: status Error, or an <c>error.type</c> attribute.</summary>
    public bool IsError { get; init; }

    /// <summary>Gets the <c>gen_ai.usage.input_tokens</c> attribute, if present and valid.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Gets the <c>gen_ai.usage.output_tokens</c> attribute, if present and valid.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>
    /// Gets a value indicating whether this span's tokens are counted in the totals: true for inference spans (<c>chat</c>,
    /// <c>text_completion</c>, <c>generate_content</c>), and for an <c>invoke_agent</c> span only when no span of the same
    /// agent below it is counted — so an agent span that repeats the sum of its model calls is not counted twice.
    /// </summary>
    public bool TokensCounted { get; init; }
}
