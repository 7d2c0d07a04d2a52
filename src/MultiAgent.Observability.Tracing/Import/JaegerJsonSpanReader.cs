using System.Diagnostics;
using System.Text.Json;

namespace MultiAgent.Observability.Tracing.Import;

/// <summary>
/// Reads the <c>data</c> of Jaeger's query API JSON: traces of <c>spans</c> (<c>traceID</c>, <c>spanID</c>,
/// <c>operationName</c>, <c>references</c>, <c>startTime</c> and <c>duration</c> in microseconds, <c>tags</c>,
/// <c>processID</c>) and <c>processes</c> (<c>serviceName</c>), which Jaeger writes after the spans.
/// </summary>
internal static class JaegerJsonSpanReader
{
    private const long TicksPerMicrosecond = 10;

    public static void ReadData(JsonStreamReader reader, ReadContext context)
    {
        reader.ReadValue();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        JsonRead.Require(reader, JsonTokenType.StartArray, "data");
        while (JsonRead.NextItem(reader))
        {
            ReadTrace(reader, context);
        }
    }

    private static void ReadTrace(JsonStreamReader reader, ReadContext context)
    {
        JsonRead.Require(reader, JsonTokenType.StartObject, "data[]");
        ActivityTraceId traceId = default;
        var spans = new List<SpanFields>();
        var services = new Dictionary<string, string>(StringComparer.Ordinal);
        while (JsonRead.NextProperty(reader))
        {
            if (reader.ValueIs("traceID"u8))
            {
                traceId = ReadTraceId(reader);
            }
            else if (reader.ValueIs("spans"u8))
            {
                JsonRead.Value(reader, JsonTokenType.StartArray, "spans");
                while (JsonRead.NextItem(reader))
                {
                    spans.Add(ReadSpan(reader, context));
                }
            }
            else if (reader.ValueIs("processes"u8))
            {
                ReadProcesses(reader, context, services);
            }
            else
            {
                reader.Skip();
            }
        }

        foreach (var span in spans)
        {
            if (span.TraceId == default)
            {
                span.TraceId = traceId;
            }

            context.Add(span.ToSpan(reader), span.ProcessId is { } p && services.TryGetValue(p, out var service) ? service : null);
        }
    }

    private static ActivityTraceId ReadTraceId(JsonStreamReader reader)
    {
        JsonRead.Value(reader, JsonTokenType.String, "traceID");
        return HexIds.TryTraceId(reader.GetBytes(), out var id) ? id : throw reader.Fail($"traceID '{reader.GetString()}' is not 16 or 32 hex digits (not all zero)");
    }

    private static ActivitySpanId ReadSpanId(JsonStreamReader reader, string field, bool allowNone)
    {
        JsonRead.Value(reader, JsonTokenType.String, field);
        return HexIds.TrySpanId(reader.GetBytes(), allowNone, out var id) ? id : throw reader.Fail($"{field} '{reader.GetString()}' is not 16 hex digits (not all zero)");
    }

    private static void ReadProcesses(JsonStreamReader reader, ReadContext context, Dictionary<string, string> services)
    {
        JsonRead.Value(reader, JsonTokenType.StartObject, "processes");
        while (JsonRead.NextProperty(reader))
        {
            var id = reader.GetString(context.Strings);
            JsonRead.Value(reader, JsonTokenType.StartObject, "processes");
            while (JsonRead.NextProperty(reader))
            {
                if (reader.ValueIs("serviceName"u8) && JsonRead.String(reader, "serviceName", context.Strings) is { Length: > 0 } name)
                {
                    services[id] = name;
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private static SpanFields ReadSpan(JsonStreamReader reader, ReadContext context)
    {
        JsonRead.Require(reader, JsonTokenType.StartObject, "spans[]");
        var span = context.StartSpan(reader);
        long? duration = null;
        ActivitySpanId followsFrom = default;
        while (JsonRead.NextProperty(reader))
        {
            if (reader.ValueIs("traceID"u8))
            {
                span.TraceId = ReadTraceId(reader);
            }
            else if (reader.ValueIs("spanID"u8))
            {
                span.SpanId = ReadSpanId(reader, "spanID", allowNone: false);
            }
            else if (reader.ValueIs("parentSpanID"u8))
            {
                span.ParentSpanId = ReadSpanId(reader, "parentSpanID", allowNone: true);
            }
            else if (reader.ValueIs("operationName"u8))
            {
                span.Name = JsonRead.String(reader, "operationName", context.Strings) ?? string.Empty;
            }
            else if (reader.ValueIs("references"u8))
            {
                ReadReferences(reader, span, ref followsFrom);
            }
            else if (reader.ValueIs("startTime"u8))
            {
                var start = JsonRead.Int64(reader, "startTime");
                span.StartTicks = start >= 0 && start < (DateTimeOffset.MaxValue.Ticks - DateTimeOffset.UnixEpoch.Ticks) / TicksPerMicrosecond
                    ? DateTimeOffset.UnixEpoch.Ticks + (start * TicksPerMicrosecond)
                    : throw reader.Fail("'startTime' is out of range");
            }
            else if (reader.ValueIs("duration"u8))
            {
                duration = JsonRead.Int64(reader, "duration");
                if (duration < 0 || duration > TimeSpan.MaxValue.Ticks / TicksPerMicrosecond)
                {
                    throw reader.Fail("'duration' is out of range");
                }
            }
            else if (reader.ValueIs("tags"u8))
            {
                ReadTags(reader, context, span.Attributes);
            }
            else if (reader.ValueIs("processID"u8))
            {
                span.ProcessId = JsonRead.String(reader, "processID", context.Strings);
            }
            else
            {
                reader.Skip();
            }
        }

        if (span.ParentSpanId == default)
        {
            span.ParentSpanId = followsFrom;
        }

        if (duration is { } d && span.StartTicks is { } s)
        {
            span.EndTicks = s > DateTimeOffset.MaxValue.Ticks - (d * TicksPerMicrosecond) ? throw reader.Fail("'duration' is out of range") : s + (d * TicksPerMicrosecond);
        }

        ApplyConventionTags(span);
        return span;
    }

    /// <summary>The first CHILD_OF reference is the parent; a FOLLOWS_FROM one is used when there is none, as Jaeger's UI does.</summary>
    private static void ReadReferences(JsonStreamReader reader, SpanFields span, ref ActivitySpanId followsFrom)
    {
        reader.ReadValue();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        JsonRead.Require(reader, JsonTokenType.StartArray, "references");
        while (JsonRead.NextItem(reader))
        {
            JsonRead.Require(reader, JsonTokenType.StartObject, "references[]");
            var childOf = true;
            ActivitySpanId id = default;
            while (JsonRead.NextProperty(reader))
            {
                if (reader.ValueIs("refType"u8))
                {
                    JsonRead.Value(reader, JsonTokenType.String, "refType");
                    childOf = !reader.ValueIs("FOLLOWS_FROM"u8);
                }
                else if (reader.ValueIs("spanID"u8))
                {
                    id = ReadSpanId(reader, "references[].spanID", allowNone: false);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (childOf && span.ParentSpanId == default)
            {
                span.ParentSpanId = id;
            }
            else if (!childOf && followsFrom == default)
            {
                followsFrom = id;
            }
        }
    }

    private static void ReadTags(JsonStreamReader reader, ReadContext context, List<KeyValuePair<string, object?>> attributes)
    {
        reader.ReadValue();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        JsonRead.Require(reader, JsonTokenType.StartArray, "tags");
        while (JsonRead.NextItem(reader))
        {
            JsonRead.Require(reader, JsonTokenType.StartObject, "tags[]");
            string? key = null;
            string? type = null;
            object? value = null;
            while (JsonRead.NextProperty(reader))
            {
                if (reader.ValueIs("key"u8))
                {
                    key = JsonRead.String(reader, "key", context.Strings);
                }
                else if (reader.ValueIs("type"u8))
                {
                    type = JsonRead.String(reader, "type", context.Strings);
                }
                else if (reader.ValueIs("value"u8))
                {
                    reader.ReadValue();
                    value = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString(context.Strings),
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        JsonTokenType.Number => reader.TryGetInt64(out var l) ? l : reader.TryGetDouble(out var d) ? d : null,
                        JsonTokenType.Null => null,
                        _ => throw reader.Fail($"the value of tag '{key ?? "?"}' must be a string, number or boolean"),
                    };
                }
                else
                {
                    reader.Skip();
                }
            }

            attributes.Add(new(key ?? throw reader.Fail("a tag has no key"), Typed(type, value)));
        }
    }

    /// <summary>Applies the tag's declared type where the JSON value does not carry it (int64 as a string, float64 written as 3).</summary>
    private static object? Typed(string? type, object? value) => (type, value) switch
    {
        ("int64", string s) when long.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l) => l,
        ("float64", long l) => (double)l,
        ("bool", string s) when bool.TryParse(s, out var b) => b,
        _ => value,
    };

    /// <summary>The tags Jaeger's OTLP translation adds for the span kind, status and scope become those fields again.</summary>
    private static void ApplyConventionTags(SpanFields span)
    {
        var error = false;
        span.Attributes.RemoveAll(tag =>
        {
            switch (tag.Key)
            {
                case "span.kind":
                    span.Kind = (tag.Value as string) switch
                    {
                        "server" => ActivityKind.Server,
                        "client" => ActivityKind.Client,
                        "producer" => ActivityKind.Producer,
                        "consumer" => ActivityKind.Consumer,
                        _ => ActivityKind.Internal,
                    };
                    return true;
                case "otel.status_code":
                    span.Status = (tag.Value as string) switch
                    {
                        "OK" => ActivityStatusCode.Ok,
                        "ERROR" => ActivityStatusCode.Error,
                        _ => ActivityStatusCode.Unset,
                    };
                    return true;
                case "otel.status_description":
                    span.StatusDescription = tag.Value as string;
                    return true;
                case "otel.scope.name" or "otel.library.name":
                    span.SourceName = tag.Value as string;
                    return true;
                case "error":
                    error = tag.Value is true;
                    return true;
                default:
                    return false;
            }
        });

        if (error && span.Status == ActivityStatusCode.Unset)
        {
            span.Status = ActivityStatusCode.Error;
        }
    }
}
