using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The bounded in-process store of finished spans, grouped by trace. Limits on trace count, spans per trace, total
/// spans, estimated bytes and age (see <see cref="AgentTracingOptions"/>) evict the oldest trace first; every span is
/// kept under the per-span size limits; every eviction, dropped span, truncated value and dropped attribute is counted
/// (<see cref="GetCounters"/>). Lookups by trace id and by span id are O(1). Thread-safe.
/// </summary>
public interface ITraceStore
{
    /// <summary>Gets the number of traces held.</summary>
    int TraceCount { get; }

    /// <summary>Gets the number of spans held over all traces.</summary>
    int SpanCount { get; }

    /// <summary>
    /// Adds a finished span. The collector calls this for every recorded span; call it yourself to import spans. The
    /// store keeps its own copy within the size limits, so reads return copies, not <paramref name="span"/> itself.
    /// </summary>
    /// <param name="span">The span.</param>
    /// <returns>
    /// <see langword="true"/> when stored; <see langword="false"/> when dropped and counted (its trace is full, its ids are
    /// empty, or a span with the same id is already held).
    /// </returns>
    bool Add(SpanData span);

    /// <summary>Gets a copy of one trace's spans.</summary>
    /// <param name="traceId">The trace id.</param>
    /// <param name="trace">The trace, when held.</param>
    /// <returns><see langword="true"/> when the trace is held.</returns>
    bool TryGetTrace(ActivityTraceId traceId, [NotNullWhen(true)] out StoredTrace? trace);

    /// <summary>Gets one span by its id.</summary>
    /// <param name="spanId">The span id.</param>
    /// <param name="span">The span, when held.</param>
    /// <returns><see langword="true"/> when the span is held.</returns>
    bool TryGetSpan(ActivitySpanId spanId, [NotNullWhen(true)] out SpanData? span);

    /// <summary>Gets the ids of the traces held, oldest first.</summary>
    /// <returns>A snapshot of the ids.</returns>
    IReadOnlyList<ActivityTraceId> GetTraceIds();

    /// <summary>Gets the counts of stored, dropped and evicted spans and traces since the store was created.</summary>
    /// <returns>A snapshot of the counters.</returns>
    TraceStoreCounters GetCounters();
}
