namespace MultiAgent.Observability.Tracing;

/// <summary>One kind of problem found in a trace, how often it occurred, and the first span it occurred on.</summary>
public sealed record TraceProblem
{
    /// <summary>Gets what was wrong.</summary>
    public required TraceProblemKind Kind { get; init; }

    /// <summary>Gets how many spans (or cycles) had the problem.</summary>
    public required int Count { get; init; }

    /// <summary>Gets the id of the first span with the problem, if it has one.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? SpanId { get; init; }

    /// <summary>Gets a description for people, naming the first occurrence and what the analysis did about it.</summary>
    public required string Message { get; init; }
}
