using System.Text.Json;
using MultiAgent.Observability.Tracing.Import;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Reads spans from a trace file in OTLP JSON (the OpenTelemetry Collector's file exporter, one object per line, or
/// one OTLP/HTTP JSON request) or in Jaeger's query API JSON, detecting the format from the content. The file is
/// streamed through a bounded buffer, never loaded whole, so memory follows the spans kept, not the file size.
/// </summary>
/// <remarks>
/// <para>Ids are hex of either case (Jaeger's 64-bit trace ids are left-padded); times are nanoseconds (OTLP, as strings
/// or numbers) or microseconds (Jaeger) and keep 100 ns precision. A span's service (OTLP resource <c>service.name</c>,
/// Jaeger process <c>serviceName</c>) becomes its <c>service.name</c> attribute when it has none and its parent is not a
/// span of the same service in the file (a process's entry span), so the analysis names an agent-less process by its
/// service while the spans inside an agent still belong to that agent; the OTLP scope name
/// and Jaeger's <c>otel.scope.name</c> tag become <see cref="SpanData.SourceName"/>; Jaeger's <c>span.kind</c>,
/// <c>otel.status_code</c>, <c>otel.status_description</c> and <c>error</c> tags become the kind and status.</para>
/// <para>Attribute values become <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or
/// arrays of one of these (<see cref="object"/> arrays when mixed); key-value lists are read as <see langword="null"/>
/// and bytes as their base64 text.</para>
/// </remarks>
public static class TraceFileReader
{
    private static readonly TraceFileReaderOptions s_defaultOptions = new();

    /// <summary>Reads every span of a trace file with the default <see cref="TraceFileReaderOptions"/>.</summary>
    /// <param name="stream">The file's content; read to its end and left open.</param>
    /// <returns>The format and the spans.</returns>
    /// <exception cref="TraceFileFormatException">The content is neither format, is truncated, or holds an invalid span; the message gives the line and byte.</exception>
    public static TraceFile Read(Stream stream) => Read(stream, s_defaultOptions);

    /// <summary>Reads every span of a trace file.</summary>
    /// <param name="stream">The file's content; read to its end and left open.</param>
    /// <param name="options">The limits.</param>
    /// <returns>The format and the spans.</returns>
    /// <exception cref="TraceFileFormatException">The content is neither format, is truncated, holds an invalid span or passes a limit; the message gives the line and byte.</exception>
    public static TraceFile Read(Stream stream, TraceFileReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxSpans);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTokenBytes, 1024);
        var reader = new JsonStreamReader(stream, options.MaxTokenBytes);
        var context = new ReadContext(options.MaxSpans);
        TraceFileFormat? format = null;
        if (!reader.Read())
        {
            throw reader.Fail("the file holds no JSON value");
        }

        do
        {
            var found = ReadDocument(reader, context);
            format ??= found;
        }
        while (reader.Read());

        return new TraceFile(format!.Value, context.Finish());
    }

    private static TraceFileFormat ReadDocument(JsonStreamReader reader, ReadContext context)
    {
        const string Expected = "expected OTLP JSON ({\"resourceSpans\":[...]}) or Jaeger JSON ({\"data\":[...]})";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw reader.Fail("not a JSON object; " + Expected);
        }

        TraceFileFormat? format = null;
        while (JsonRead.NextProperty(reader))
        {
            if (reader.ValueIs("resourceSpans"u8))
            {
                format = TraceFileFormat.OtlpJson;
                OtlpJsonSpanReader.ReadResourceSpans(reader, context);
            }
            else if (reader.ValueIs("data"u8))
            {
                format = TraceFileFormat.JaegerJson;
                JaegerJsonSpanReader.ReadData(reader, context);
            }
            else
            {
                reader.Skip();
            }
        }

        return format ?? throw reader.Fail("the object has neither 'resourceSpans' nor 'data'; " + Expected);
    }
}
