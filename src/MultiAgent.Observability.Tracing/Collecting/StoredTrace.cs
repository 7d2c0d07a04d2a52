using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>A snapshot of one trace held by an <see cref="ITraceStore"/>.</summary>
public sealed class StoredTrace
{
    internal StoredTrace(ActivityTraceId traceId, IReadOnlyList<SpanData> spans, int droppedSpans, DateTimeOffset firstSeen, DateTimeOffset lastSeen)
    {
        TraceId = traceId;
        Spans = spans;
        DroppedSpans = droppedSpans;
        FirstSeen = firstSeen;
        LastSeen = lastSeen;
    }

    /// <summary>Gets the trace id.</summary>
    public ActivityTraceId TraceId { get; }

    /// <summary>Gets the spans, in the order they finished.</summary>
    public IReadOnlyList<SpanData> Spans { get; }

    /// <summary>Gets the number of spans of this trace dropped because it reached <see cref="AgentTracingOptions.MaxSpansPerTrace"/>.</summary>
    public int DroppedSpans { get; }

    /// <summary>Gets a value indicating whether spans of this trace were dropped, so an analysis of it is incomplete.</summary>
    public bool IsTruncated => DroppedSpans > 0;

    /// <summary>Gets when the first span of the trace arrived (from the store's <see cref="TimeProvider"/>); age is measured from here.</summary>
    public DateTimeOffset FirstSeen { get; }

    /// <summary>Gets when the last span of the trace arrived.</summary>
    public DateTimeOffset LastSeen { get; }
}
