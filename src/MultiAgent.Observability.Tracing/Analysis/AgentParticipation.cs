namespace MultiAgent.Observability.Tracing;

/// <summary>How much one agent took part in a trace.</summary>
public sealed record AgentParticipation
{
    /// <summary>Gets the agent (see <see cref="AnalyzedSpan.Agent"/>).</summary>
    public required string Agent { get; init; }

    /// <summary>Gets the number of spans attributed to the agent, including inherited ones (its chat and tool spans).</summary>
    public required int SpanCount { get; init; }

    /// <summary>
    /// Gets the sum of the self time of the agent's spans: each span's duration minus the union of its children's intervals
    /// clipped to it. Time spent waiting on another agent is that agent's, so nested agents are not counted twice.
    /// </summary>
    public required double SelfTimeMs { get; init; }

    /// <summary>Gets the total length of the agent's critical path sections.</summary>
    public required double CriticalPathMs { get; init; }

    /// <summary>Gets <see cref="CriticalPathMs"/> divided by the trace duration (0 when the trace has no duration).</summary>
    public required double CriticalPathShare { get; init; }

    /// <summary>Gets the input tokens of the agent, each counted once (see <see cref="AnalyzedSpan.TokensCounted"/>); the sum stops at <see cref="long.MaxValue"/> rather than wrapping.</summary>
    public required long InputTokens { get; init; }

    /// <summary>Gets the output tokens of the agent, each counted once; the sum stops at <see cref="long.MaxValue"/> rather than wrapping.</summary>
    public required long OutputTokens { get; init; }

    /// <summary>Gets the estimated cost of the agent's counted tokens per currency; <see langword="null"/> when no price table was given.</summary>
    public IReadOnlyList<CostTotal>? Costs { get; init; }

    /// <summary>Gets the agent's counted tokens whose model the price table has no price for; <see langword="null"/> when no price table was given.</summary>
    public long? UnpricedTokens { get; init; }

    /// <summary>Gets the number of the agent's spans in error (status Error, or an <c>error.type</c> attribute).</summary>
    public required int Errors { get; init; }
}
