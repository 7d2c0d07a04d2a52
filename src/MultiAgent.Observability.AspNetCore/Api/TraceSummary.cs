namespace MultiAgent.Observability.AspNetCore.Api;

/// <summary>One recent trace in <c>/api/traces</c>: when, how long, how many spans, which agents.</summary>
internal sealed class TraceSummary
{
    public required string TraceId { get; init; }

    public required string RootName { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public required double DurationMs { get; init; }

    public required int SpanCount { get; init; }

    public required int ErrorCount { get; init; }

    public required bool IsTruncated { get; init; }

    public required IReadOnlyList<string> Agents { get; init; }
}

/// <summary>The body of <c>/api/traces</c>: the most recent traces, newest first.</summary>
internal sealed class TraceList
{
    public required DateTimeOffset GeneratedAt { get; init; }

    public required int TracesHeld { get; init; }

    public required IReadOnlyList<TraceSummary> Traces { get; init; }
}
