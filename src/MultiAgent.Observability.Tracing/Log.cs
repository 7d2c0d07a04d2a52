using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Tracing;

/// <summary>Log messages of the tracing package (event ids 4000-4999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, EventName = "TraceCollectorFailed", Level = LogLevel.Warning, Message = "The trace collector could not store span {SpanName} from source {SourceName}; the span is dropped and counted")]
    public static partial void CollectorFailed(ILogger logger, Exception exception, string? spanName, string? sourceName);

    [LoggerMessage(EventId = 4002, EventName = "TraceCollectorStarted", Level = LogLevel.Information, Message = "Trace collector started for sources {Sources} with sampling ratio {SamplingRatio}")]
    public static partial void CollectorStarted(ILogger logger, string sources, double samplingRatio);

    [LoggerMessage(EventId = 4003, EventName = "TraceCollectorStopped", Level = LogLevel.Information, Message = "Trace collector stopped")]
    public static partial void CollectorStopped(ILogger logger);

    [LoggerMessage(EventId = 4004, EventName = "TraceTruncated", Level = LogLevel.Warning, Message = "Trace {TraceId} reached its limit of {MaxSpansPerTrace} spans; later spans of it are dropped and counted")]
    public static partial void TraceTruncated(ILogger logger, string traceId, int maxSpansPerTrace);

    [LoggerMessage(EventId = 4005, EventName = "TracesEvicted", Level = LogLevel.Debug, Message = "Evicted {TraceCount} traces ({SpanCount} spans) from the trace store: {Reason}")]
    public static partial void TracesEvicted(ILogger logger, int traceCount, int spanCount, string reason);
}
