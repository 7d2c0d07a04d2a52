using System.Diagnostics;
using System.Text.Json;

namespace MultiAgent.Observability.Tracing.Import;

/// <summary>
/// Reads the <c>resourceSpans</c> of an OTLP JSON object (the protobuf JSON mapping of <c>ExportTraceServiceRequest</c>,
/// with hex ids): <c>resource.attributes</c>, <c>scopeSpans[].scope.name</c> and <c>scopeSpans[].spans[]</c>.
/// Unknown fields are skipped, as the protobuf JSON mapping asks of readers.
/// </summary>
internal static class OtlpJsonSpanReader
{
    /// <summary>Ticks per nanosecond are 1/100: OTLP times are nanoseconds since the Unix epoch.</summary>
    private const long NanosecondsPerTick = 100;

    public static void ReadResourceSpans(JsonStreamReader reader, ReadContext context)
    {
        JsonRead.Value(reader, JsonTokenType.StartArray, "resourceSpans");
        while (JsonRead.NextItem(reader))
        {
            ReadResource(reader, context);
        }
    }

    /// <summary>Reads one OTLP <c>AnyValue</c> object; the current token is its start.</summary>
    public static object? ReadAnyValue(JsonStreamReader reader, ReadContext context, string key)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            JsonRead.Require(reader, JsonTokenType.StartObject, $"value of attribute '{key}'");
        }

        object? value = null;
        while (JsonRead.NextProperty(reader))
        {
            if (reader.ValueIs("stringValue"u8) || reader.ValueIs("bytesValue"u8))
            {
                value = JsonRead.String(reader, key, context.Strings);
            }
            else if (reader.ValueIs("intValue"u8))
            {
                reader.ReadValue();
                value = reader.TryGetInt64(out var l) ? l : throw reader.Fail($"the intValue of attribute '{key}' is not a 64-bit integer");
            }
            else if (reader.ValueIs("doubleValue"u8))
            {
                reader.ReadValue();
                value = reader.TryGetDouble(out var d) ? d : throw reader.Fail($"the doubleValue of attribute '{key}' is not a number");
            }
            else if (reader.ValueIs("boolValue"u8))
            {
                reader.ReadValue();
                value = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw reader.Fail($"the boolValue of attribute '{key}' is not true or false"),
                };
            }
            else if (reader.ValueIs("arrayValue"u8))
            {
                value = ReadArrayValue(reader, context, key);
            }
            else
            {
                // kvlistValue and anything newer: no SpanData value type holds it.
                reader.Skip();
            }
        }

        return value;
    }

    /// <summary>Reads a list of <c>{"key", "value"}</c> objects; the current token is the property name.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="context">The read.</param>
    /// <param name="attributes">Where the attributes go.</param>
    /// <param name="onlyKey">When set, only the attribute with this key is kept and other values are skipped unread.</param>
    public static void ReadAttributes(JsonStreamReader reader, ReadContext context, List<KeyValuePair<string, object?>> attributes, string? onlyKey = null)
    {
        reader.ReadValue();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        JsonRead.Require(reader, JsonTokenType.StartArray, "attributes");
        while (JsonRead.NextItem(reader))
        {
            JsonRead.Require(reader, JsonTokenType.StartObject, "attributes[]");
            string? key = null;
            object? value = null;
            while (JsonRead.NextProperty(reader))
            {
                if (reader.ValueIs("key"u8))
                {
                    key = JsonRead.String(reader, "key", context.Strings);
                }
                else if (reader.ValueIs("value"u8))
                {
                    reader.ReadValue();
                    if (onlyKey is not null && key is not null && key != onlyKey)
                    {
                        reader.Skip();
                    }
                    else
                    {
                        value = reader.TokenType == JsonTokenType.Null ? null : ReadAnyValue(reader, context, key ?? "?");
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (key is null)
            {
                throw reader.Fail("an attribute has no key");
            }

            if (onlyKey is null || key == onlyKey)
            {
                attributes.Add(new(key, value));
            }
        }
    }

    private static void ReadResource(JsonStreamReader reader, ReadContext context)
    {
        JsonRead.Require(reader, JsonTokenType.StartObject, "resourceSpans[]");
        string? service = null;
        var spans = new List<SpanFields>();
        while (JsonRead.NextProperty(reader))
        {
            if (reader.ValueIs("resource"u8))
            {
                service = ReadResourceService(reader, context);
            }
            else if (reader.ValueIs("scopeSpans"u8) || reader.ValueIs("instrumentationLibrarySpans"u8))
            {
                JsonRead.Value(reader, JsonTokenType.StartArray, "scopeSpans");
                while (JsonRead.NextItem(reader))
                {
                    ReadScope(reader, context, spans);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        foreach (var span in spans)
        {
            context.Add(span.ToSpan(reader), service);
        }
    }

    private static string? ReadResourceService(JsonStreamReader reader, ReadContext context)
    {
        JsonRead.Value(reader, JsonTokenType.StartObject, "resource");
        var attributes = new List<KeyValuePair<string, object?>>();
        while (JsonRead.NextProperty(reader))
        {
            if (reader.ValueIs("attributes"u8))
            {
                ReadAttributes(reader, context, attributes, GenAIAttributes.ServiceName);
            }
            else
            {
                reader.Skip();
            }
        }

        foreach (var attribute in attributes)
        {
            if (attribute.Key == GenAIAttributes.ServiceName && attribute.Value is string name)
            {
                return name;
            }
        }

        return null;
    }

    private static void ReadScope(JsonStreamReader reader, ReadContext context, List<SpanFields> spans)
    {
        JsonRead.Require(reader, JsonTokenType.StartObject, "scopeSpans[]");
        string? scope = null;
        var first = spans.Count;
        while (JsonRead.NextProperty(reader))
        {
            if (reader.ValueIs("scope"u8) || reader.ValueIs("instrumentationLibrary"u8))
            {
                JsonRead.Value(reader, JsonTokenType.StartObject, "scope");
                while (JsonRead.NextProperty(reader))
                {
                    if (reader.ValueIs("name"u8))
                    {
                        scope = JsonRead.String(reader, "scope.name", context.Strings);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueIs("spans"u8))
            {
                JsonRead.Value(reader, JsonTokenType.StartArray, "spans");
                while (JsonRead.NextItem(reader))
                {
                    spans.Add(ReadSpan(reader, context));
                }
            }
            else
            {
                reader.Skip();
            }
        }

        for (var i = first; i < spans.Count; i++)
        {
            spans[i].SourceName = scope;
        }
    }

    private static SpanFields ReadSpan(JsonStreamReader reader, ReadContext context)
    {
        JsonRead.Require(reader, JsonTokenType.StartObject, "spans[]");
        var span = context.StartSpan(reader);
        while (JsonRead.NextProperty(reader))
        {
            if (reader.ValueIs("traceId"u8))
            {
                JsonRead.Value(reader, JsonTokenType.String, "traceId");
                span.TraceId = HexIds.TryTraceId(reader.GetBytes(), out var id) ? id : throw reader.Fail($"traceId '{reader.GetString()}' is not 32 hex digits (not all zero)");
            }
            else if (reader.ValueIs("spanId"u8) || reader.ValueIs("parentSpanId"u8))
            {
                var parent = reader.ValueIs("parentSpanId"u8);
                var field = parent ? "parentSpanId" : "spanId";
                JsonRead.Value(reader, JsonTokenType.String, field);
                if (!HexIds.TrySpanId(reader.GetBytes(), allowNone: parent, out var id))
                {
                    throw reader.Fail($"{field} '{reader.GetString()}' is not 16 hex digits (not all zero)");
                }

                if (parent)
                {
                    span.ParentSpanId = id;
                }
                else
                {
                    span.SpanId = id;
                }
            }
            else if (reader.ValueIs("name"u8))
            {
                span.Name = JsonRead.String(reader, "name", context.Strings) ?? string.Empty;
            }
            else if (reader.ValueIs("kind"u8))
            {
                span.Kind = ReadKind(reader);
            }
            else if (reader.ValueIs("startTimeUnixNano"u8))
            {
                span.StartTicks = Ticks(reader, "startTimeUnixNano");
            }
            else if (reader.ValueIs("endTimeUnixNano"u8))
            {
                var end = Ticks(reader, "endTimeUnixNano");
                span.EndTicks = end == DateTimeOffset.UnixEpoch.Ticks ? null : end;
            }
            else if (reader.ValueIs("attributes"u8))
            {
                ReadAttributes(reader, context, span.Attributes);
            }
            else if (reader.ValueIs("status"u8))
            {
                ReadStatus(reader, context, span);
            }
            else
            {
                reader.Skip();
            }
        }

        return span;
    }

    private static long Ticks(JsonStreamReader reader, string field)
    {
        var nanoseconds = JsonRead.Int64(reader, field);
        return nanoseconds >= 0 && nanoseconds / NanosecondsPerTick <= DateTimeOffset.MaxValue.Ticks - DateTimeOffset.UnixEpoch.Ticks
            ? DateTimeOffset.UnixEpoch.Ticks + (nanoseconds / NanosecondsPerTick)
            : throw reader.Fail($"'{field}' is out of range");
    }

    private static ActivityKind ReadKind(JsonStreamReader reader)
    {
        reader.ReadValue();
        if (reader.TokenType == JsonTokenType.String && !reader.TryGetInt64(out _))
        {
            var name = reader.GetBytes();
            return name.SequenceEqual("SPAN_KIND_SERVER"u8) ? ActivityKind.Server
                : name.SequenceEqual("SPAN_KIND_CLIENT"u8) ? ActivityKind.Client
                : name.SequenceEqual("SPAN_KIND_PRODUCER"u8) ? ActivityKind.Producer
                : name.SequenceEqual("SPAN_KIND_CONSUMER"u8) ? ActivityKind.Consumer
                : name.SequenceEqual("SPAN_KIND_INTERNAL"u8) || name.SequenceEqual("SPAN_KIND_UNSPECIFIED"u8) ? ActivityKind.Internal
                : throw reader.Fail($"kind '{reader.GetString()}' is not a SpanKind");
        }

        // OTLP: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer.
        return reader.TryGetInt64(out var kind) && kind is >= 0 and <= 5
            ? kind <= 1 ? ActivityKind.Internal : (ActivityKind)(kind - 1)
            : throw reader.Fail("kind must be a SpanKind number 0-5 or name");
    }

    private static void ReadStatus(JsonStreamReader reader, ReadContext context, SpanFields span)
    {
        JsonRead.Value(reader, JsonTokenType.StartObject, "status");
        while (JsonRead.NextProperty(reader))
        {
            if (reader.ValueIs("code"u8))
            {
                reader.ReadValue();
                span.Status = reader.TokenType == JsonTokenType.String && reader.GetBytes().StartsWith("STATUS_CODE_"u8)
                    ? reader.GetBytes().SequenceEqual("STATUS_CODE_OK"u8) ? ActivityStatusCode.Ok
                        : reader.GetBytes().SequenceEqual("STATUS_CODE_ERROR"u8) ? ActivityStatusCode.Error
                        : ActivityStatusCode.Unset
                    : reader.TryGetInt64(out var code) && code is >= 0 and <= 2
                        ? (ActivityStatusCode)code
                        : throw reader.Fail("status.code must be 0 (unset), 1 (ok) or 2 (error)");
            }
            else if (reader.ValueIs("message"u8))
            {
                var message = JsonRead.String(reader, "status.message", context.Strings);
                span.StatusDescription = message;
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static object? ReadArrayValue(JsonStreamReader reader, ReadContext context, string key)
    {
        JsonRead.Value(reader, JsonTokenType.StartObject, "arrayValue");
        var values = new List<object?>();
        while (JsonRead.NextProperty(reader))
        {
            if (reader.ValueIs("values"u8))
            {
                JsonRead.Value(reader, JsonTokenType.StartArray, "arrayValue.values");
                while (JsonRead.NextItem(reader))
                {
                    values.Add(ReadAnyValue(reader, context, key));
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return TypedArray(values);
    }

    /// <summary>An array of one element type as that type's array (what instrumentation sets), else <c>object?[]</c>.</summary>
    private static object TypedArray(List<object?> values) =>
        values.TrueForAll(static v => v is string) ? values.ConvertAll(static v => (string)v!).ToArray()
        : values.TrueForAll(static v => v is long) ? values.ConvertAll(static v => (long)v!).ToArray()
        : values.TrueForAll(static v => v is double) ? values.ConvertAll(static v => (double)v!).ToArray()
        : values.TrueForAll(static v => v is bool) ? values.ConvertAll(static v => (bool)v!).ToArray()
        : values.ToArray();
}
