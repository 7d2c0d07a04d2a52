using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Writes spans as OTLP JSON: one <c>{"resourceSpans":[...]}</c> object on one line, as the OpenTelemetry Collector's file
/// exporter does, with one scope per <see cref="SpanData.SourceName"/>. Writing to the same stream again appends another
/// line, and <see cref="TraceFileReader"/> reads the result back into equal spans. Use it to export the in-process
/// <see cref="ITraceStore"/> for <c>multiagent traces analyze</c>, an OpenTelemetry Collector or Jaeger.
/// </summary>
/// <remarks>
/// Ids are lowercase hex, times are nanoseconds since the Unix epoch as strings, and an unfinished span has an
/// <c>endTimeUnixNano</c> of <c>"0"</c>. Attribute values are written by type: strings, booleans, integers (any width, read
/// back as <see cref="long"/>), floating values (non-finite ones as <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>),
/// arrays of these, and any other value as its invariant text. A <see langword="null"/> value is an empty value.
/// </remarks>
public static class OtlpJsonWriter
{
    private static readonly JsonWriterOptions s_options = new() { Indented = false, SkipValidation = false };

    /// <summary>Writes the spans as one OTLP JSON object followed by a newline.</summary>
    /// <param name="spans">The spans, of one trace or several.</param>
    /// <param name="stream">The stream; left open.</param>
    public static void Write(IEnumerable<SpanData> spans, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(stream);
        var scopes = new Dictionary<string, List<SpanData>>(StringComparer.Ordinal);
        foreach (var span in spans)
        {
            ArgumentNullException.ThrowIfNull(span, nameof(spans));
            if (!scopes.TryGetValue(span.SourceName, out var list))
            {
                scopes.Add(span.SourceName, list = []);
            }

            list.Add(span);
        }

        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("resourceSpans");
            writer.WriteStartObject();
            writer.WriteStartObject("resource");
            writer.WriteStartArray("attributes");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartArray("scopeSpans");
            foreach (var (scope, list) in scopes)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("scope");
                writer.WriteString("name", scope);
                writer.WriteEndObject();
                writer.WriteStartArray("spans");
                foreach (var span in list)
                {
                    WriteSpan(writer, span);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void WriteSpan(Utf8JsonWriter writer, SpanData span)
    {
        writer.WriteStartObject();
        writer.WriteString("traceId", span.TraceId.ToHexString());
        writer.WriteString("spanId", span.SpanId.ToHexString());
        if (span.ParentSpanId != default)
        {
            writer.WriteString("parentSpanId", span.ParentSpanId.ToHexString());
        }

        writer.WriteString("name", span.Name);

        // OTLP: 1 internal, 2 server, 3 client, 4 producer, 5 consumer; ActivityKind counts from 0 in the same order.
        writer.WriteNumber("kind", (int)span.Kind + 1);
        writer.WriteString("startTimeUnixNano", Nanoseconds(span.StartTime));
        writer.WriteString("endTimeUnixNano", span.EndTime is { } end ? Nanoseconds(end) : "0");
        writer.WriteStartArray("attributes");
        foreach (var attribute in span.Attributes ?? [])
        {
            if (attribute.Key is null)
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("key", attribute.Key);
            writer.WritePropertyName("value");
            WriteAnyValue(writer, attribute.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (span.Status != ActivityStatusCode.Unset || span.StatusDescription is not null)
        {
            writer.WriteStartObject("status");
            writer.WriteNumber("code", (int)span.Status);
            if (span.StatusDescription is not null)
            {
                writer.WriteString("message", span.StatusDescription);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static string Nanoseconds(DateTimeOffset time) =>
        ((time.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) * 100).ToString(CultureInfo.InvariantCulture);

    private static void WriteAnyValue(Utf8JsonWriter writer, object? value)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case null:
                break;
            case string s:
                writer.WriteString("stringValue", s);
                break;
            case bool b:
                writer.WriteBoolean("boolValue", b);
                break;
            case long or int or short or sbyte or byte or ushort or uint:
                writer.WriteString("intValue", Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case ulong u when u <= long.MaxValue:
                writer.WriteString("intValue", u.ToString(CultureInfo.InvariantCulture));
                break;
            case double or float:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(d))
                {
                    writer.WriteNumber("doubleValue", d);
                }
                else
                {
                    writer.WriteString("doubleValue", double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case IEnumerable items when value is not IDictionary:
                writer.WriteStartObject("arrayValue");
                writer.WriteStartArray("values");
                foreach (var item in items)
                {
                    WriteAnyValue(writer, item);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            default:
                if (SpanAttributes.TextOf(value) is { } text)
                {
                    writer.WriteString("stringValue", text);
                }

                break;
        }

        writer.WriteEndObject();
    }
}
