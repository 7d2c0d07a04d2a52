namespace MultiAgent.Observability.Tracing;

/// <summary>Counts kept by an <see cref="ITraceStore"/> since it was created: every span is stored or counted as dropped.</summary>
public sealed class TraceStoreCounters
{
    internal TraceStoreCounters(long spansStored, long spansDroppedTraceFull, long spansDroppedInvalid, long tracesEvicted, long tracesExpired, long spansEvicted, long collectorErrors, long valuesTruncated, long attributesDropped)
    {
        SpansStored = spansStored;
        SpansDroppedTraceFull = spansDroppedTraceFull;
        SpansDroppedInvalid = spansDroppedInvalid;
        TracesEvicted = tracesEvicted;
        TracesExpired = tracesExpired;
        SpansEvicted = spansEvicted;
        CollectorErrors = collectorErrors;
        ValuesTruncated = valuesTruncated;
        AttributesDropped = attributesDropped;
    }

    /// <summary>Gets the number of spans stored.</summary>
    public long SpansStored { get; }

    /// <summary>Gets the number of spans dropped because their trace held <see cref="AgentTracingOptions.MaxSpansPerTrace"/> spans.</summary>
    public long SpansDroppedTraceFull { get; }

    /// <summary>Gets the number of spans dropped because their ids were empty or a span with the same id was held.</summary>
    public long SpansDroppedInvalid { get; }

    /// <summary>Gets the number of traces evicted to make room (<see cref="AgentTracingOptions.MaxTraces"/> or <see cref="AgentTracingOptions.MaxSpans"/>).</summary>
    public long TracesEvicted { get; }

    /// <summary>Gets the number of traces evicted because they were older than <see cref="AgentTracingOptions.MaxTraceAge"/>.</summary>
    public long TracesExpired { get; }

    /// <summary>Gets the number of spans removed together with evicted or expired traces.</summary>
    public long SpansEvicted { get; }

    /// <summary>Gets the number of spans lost because the collector failed to read them (logged with event id 4001).</summary>
    public long CollectorErrors { get; }

    /// <summary>
    /// Gets the number of strings cut to <see cref="AgentTracingOptions.MaxAttributeValueLength"/>: attribute values,
    /// elements of string arrays, span names, source names and status descriptions.
    /// </summary>
    public long ValuesTruncated { get; }

    /// <summary>
    /// Gets the number of attributes dropped from stored spans: past <see cref="AgentTracingOptions.MaxAttributesPerSpan"/>
    /// or <see cref="AgentTracingOptions.MaxSpanAttributeBytes"/>, or a value whose text could not be read.
    /// </summary>
    public long AttributesDropped { get; }

    /// <summary>Gets the total number of spans that arrived but were not stored.</summary>
    public long SpansDropped => SpansDroppedTraceFull + SpansDroppedInvalid + CollectorErrors;
}
