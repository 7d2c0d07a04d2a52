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
    /// matches every source whose name starts with what comes before it; <c>*</c> alone matches every source. Matching
    /// ignores case (ordinal), as OpenTelemetry's <c>AddSource</c> does and as every package of this library matches
    /// source and meter names. A name may hold <c>*</c> only as its last character and no whitespace or control characters.
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
    /// Holds whichever trace grows: the trace being added to is never evicted for itself, older ones are. At least
    /// <see cref="MaxSpansPerTrace"/>. The store keeps spans in arrays it reuses, so its memory stays at the largest
    /// number of spans it has held rather than shrinking (about 112 bytes per span slot and 32 per attribute slot).
    /// </summary>
    /// <value>The default value is 1,000,000.</value>
    [Range(1, 100_000_000)]
    public int MaxSpans { get; set; } = 1_000_000;

    /// <summary>
    /// Gets or sets the largest estimated size of everything the store holds, in bytes; past it the oldest traces are
    /// evicted, as for <see cref="MaxSpans"/>. The estimate is an upper bound: each span's slot, its attribute slots and
    /// every string and array it holds (name, source name, status description, attribute keys and values), counted for
    /// each span even when spans share a string. Measured with the defaults, a store full of the largest spans the limits
    /// allow retained 251.6 MiB of its 256 MiB budget, plus the slot arrays it keeps for reuse (see <see cref="MaxSpans"/>). At least
    /// <see cref="MaxSpansPerTrace"/> spans of the largest size the attribute limits allow, so one trace always fits.
    /// </summary>
    /// <value>The default value is 268,435,456 (256 MiB).</value>
    [Range(1L << 20, long.MaxValue)]
    public long MaxStoreBytes { get; set; } = 256L << 20;

    /// <summary>
    /// Gets or sets the longest string kept, in UTF-16 characters, for an attribute value (each element of a string array)
    /// and for a span's name, source name and status description. Longer strings are cut (never inside a surrogate pair)
    /// and counted in <see cref="TraceStoreCounters.ValuesTruncated"/>.
    /// </summary>
    /// <value>The default value is 1,024.</value>
    [Range(16, 1_048_576)]
    public int MaxAttributeValueLength { get; set; } = 1024;

    /// <summary>
    /// Gets or sets the largest number of attributes kept per span; further attributes are dropped and counted in
    /// <see cref="TraceStoreCounters.AttributesDropped"/>.
    /// </summary>
    /// <value>The default value is 128.</value>
    [Range(0, 10_000)]
    public int MaxAttributesPerSpan { get; set; } = 128;

    /// <summary>
    /// Gets or sets the largest estimated size of one span's attributes in bytes (keys, values after truncation, and
    /// their slots); an attribute that does not fit is dropped and counted in <see cref="TraceStoreCounters.AttributesDropped"/>.
    /// Values other than strings, numbers, booleans and arrays of those are kept as their text.
    /// </summary>
    /// <value>The default value is 16,384.</value>
    [Range(256, 16_777_216)]
    public int MaxSpanAttributeBytes { get; set; } = 16_384;

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
