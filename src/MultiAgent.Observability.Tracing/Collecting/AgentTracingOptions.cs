using System.ComponentModel.DataAnnotations;

namespace MultiAgent.Observability.Tracing;

/// <summary>Options of the trace collector and the bounded trace store.</summary>
public sealed class AgentTracingOptions
{
    /// <summary>Gets the sources collected when <see cref="IncludeDefaultSources"/> is <see langword="true"/>.</summary>
    /// <value>
    /// <see cref="AgentActivitySource.Name"/>, <c>Experimental.Microsoft.Agents.AI*</c>, <c>Microsoft.Agents.AI*</c> (workflows),
    /// <c>Experimental.Microsoft.Extensions.AI*</c>, <c>Microsoft.Extensions.AI*</c> and <c>Microsoft.SemanticKernel*</c>.
    /// </value>
    public static IReadOnlyList<string> DefaultSources { get; } =
    [
        AgentActivitySource.Name,
        "Experimental.Microsoft.Agents.AI*",
        "Microsoft.Agents.AI*",
        "Experimental.Microsoft.Extensions.AI*",
        "Microsoft.Extensions.AI*",
        "Microsoft.SemanticKernel*",
    ];

    /// <summary>Gets or sets a value indicating whether the <see cref="DefaultSources"/> are collected as well as <see cref="Sources"/>.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IncludeDefaultSources { get; set; } = true;

    /// <summary>
    /// Gets the names of further <see cref="System.Diagnostics.ActivitySource"/>s to collect. A name ending in <c>*</c>
    /// matches every source whose name starts with what comes before it; <c>*</c> alone matches every source.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> Sources { get; } = [];

    /// <summary>Gets or sets the largest number of traces the store holds; past it the oldest trace is evicted.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 10_000_000)]
    public int MaxTraces { get; set; } = 10_000;

    /// <summary>Gets or sets the largest number of spans one trace holds; later spans of a full trace are dropped and counted.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 10_000_000)]
    public int MaxSpansPerTrace { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets the largest number of spans the store holds over all traces; past it the oldest traces are evicted.
    /// Bounds memory when many traces are large. At least <see cref="MaxSpansPerTrace"/>. The store keeps spans in
    /// arrays it reuses, so its memory stays at the largest number of spans it has held rather than shrinking.
    /// </summary>
    /// <value>The default value is 1,000,000.</value>
    [Range(1, 100_000_000)]
    public int MaxSpans { get; set; } = 1_000_000;

    /// <summary>Gets or sets how long a trace is kept after its first span arrived; older traces are evicted.</summary>
    /// <value>The default value is 1 hour. At least 1 second.</value>
    public TimeSpan MaxTraceAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets the share of new traces (root spans) recorded, from 0 to 1. Spans with a parent follow the parent's
    /// sampled flag (parent-based sampling), so a trace is recorded whole or not at all.
    /// </summary>
    /// <value>The default value is 1 (every trace).</value>
    [Range(0.0, 1.0)]
    public double SamplingRatio { get; set; } = 1.0;
}
