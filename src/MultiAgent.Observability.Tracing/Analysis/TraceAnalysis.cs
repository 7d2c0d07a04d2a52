namespace MultiAgent.Observability.Tracing;

/// <summary>The analysis of one trace: span tree, agent participation, critical path, interaction graph and problems.</summary>
/// <remarks>Serialize it with <see cref="TraceAnalysisJson"/>.</remarks>
public sealed record TraceAnalysis
{
    /// <summary>The agent of spans with no agent attribute on themselves or any ancestor: <c>unknown</c>.</summary>
    public const string UnknownAgent = "unknown";

    /// <summary>The operation of spans whose <c>gen_ai.operation.name</c> is missing or not a known value: <c>other</c>.</summary>
    public const string OtherOperation = "other";

    /// <summary>Gets the trace id (lowercase hex), or an empty string for an empty trace.</summary>
    public required string TraceId { get; init; }

    /// <summary>Gets the start of the trace: the root's start, or the earliest start of the top-level spans.</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>
    /// Gets the duration of the trace: the root span's duration, or from the first start to the last end of the top-level
    /// spans when the root is missing or there are several.
    /// </summary>
    public required double DurationMs { get; init; }

    /// <summary>Gets the number of spans analysed (after ignoring duplicates and invalid ones).</summary>
    public required int SpanCount { get; init; }

    /// <summary>Gets a value indicating whether the trace has exactly one root, no orphans and no unfinished spans.</summary>
    public required bool IsComplete { get; init; }

    /// <summary>Gets the ids of the top-level spans (roots and orphans), sorted by start.</summary>
    public required IReadOnlyList<string> RootSpanIds { get; init; }

    /// <summary>Gets the spans in depth-first order, children sorted by start.</summary>
    public required IReadOnlyList<AnalyzedSpan> Spans { get; init; }

    /// <summary>Gets each agent's participation, sorted by agent (ordinal).</summary>
    public required IReadOnlyList<AgentParticipation> Agents { get; init; }

    /// <summary>Gets the critical path, computed as Jaeger does (last finishing child), sorted by start.</summary>
    public required IReadOnlyList<CriticalPathSection> CriticalPath { get; init; }

    /// <summary>Gets the agent interaction graph.</summary>
    public required AgentInteractionGraph Graph { get; init; }

    /// <summary>Gets the input tokens of the whole trace, each counted once; the sum stops at <see cref="long.MaxValue"/> rather than wrapping.</summary>
    public required long InputTokens { get; init; }

    /// <summary>Gets the output tokens of the whole trace, each counted once; the sum stops at <see cref="long.MaxValue"/> rather than wrapping.</summary>
    public required long OutputTokens { get; init; }

    /// <summary>
    /// Gets the estimated cost of the trace per currency, from the tokens each counted once and
    /// <see cref="TraceAnalyzerOptions.Prices"/>; <see langword="null"/> when no price table was given.
    /// </summary>
    public IReadOnlyList<CostTotal>? Costs { get; init; }

    /// <summary>Gets the tokens of counted spans whose model the price table has no price for (never priced at zero); <see langword="null"/> when no price table was given.</summary>
    public long? UnpricedTokens { get; init; }

    /// <summary>Gets what was wrong with the spans, one entry per kind, in the order of <see cref="TraceProblemKind"/>.</summary>
    public required IReadOnlyList<TraceProblem> Problems { get; init; }
}
