namespace MultiAgent.Observability.Tracing;

/// <summary>The encodings <see cref="TraceFileReader"/> reads, detected from the content.</summary>
public enum TraceFileFormat
{
    /// <summary>
    /// OTLP JSON: one <c>{"resourceSpans":[...]}</c> object (an OTLP/HTTP JSON request) or one per line, as the
    /// OpenTelemetry Collector's file exporter writes.
    /// </summary>
    OtlpJson,

    /// <summary>Jaeger's query API JSON: <c>{"data":[{"traceID","spans":[...],"processes":{...}}]}</c>.</summary>
    JaegerJson,
}
