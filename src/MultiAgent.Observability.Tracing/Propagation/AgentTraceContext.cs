using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Injects and extracts W3C Trace Context (<c>traceparent</c>, <c>tracestate</c>) into and from any message carrier
/// (a dictionary, message headers, queue properties), so one trace follows a task from agent to agent across queues
/// and processes.
/// </summary>
/// <remarks>
/// Extraction accepts what the specification says a receiver must accept (future versions with extra fields,
/// unknown flag bits) and rejects what it must reject (version <c>ff</c>, all-zero ids, uppercase hex, wrong lengths),
/// returning a <see cref="TraceContextParseResult"/> with the reason; it never throws on a malformed header.
/// </remarks>
public static class AgentTraceContext
{
    /// <summary>The <c>traceparent</c> header name.</summary>
    public const string TraceParentHeader = "traceparent";

    /// <summary>The <c>tracestate</c> header name.</summary>
    public const string TraceStateHeader = "tracestate";

    /// <summary>Writes <paramref name="context"/> into a carrier through <paramref name="setter"/>.</summary>
    /// <typeparam name="TCarrier">The carrier type.</typeparam>
    /// <param name="context">The context to send, usually <see cref="Activity.Context"/> of the current span.</param>
    /// <param name="carrier">The message or its headers.</param>
    /// <param name="setter">Sets one header on the carrier: (carrier, name, value).</param>
    /// <returns><see langword="false"/> when <paramref name="context"/> has no trace id, in which case nothing is written.</returns>
    public static bool Inject<TCarrier>(ActivityContext context, TCarrier carrier, Action<TCarrier, string, string> setter)
    {
        ArgumentNullException.ThrowIfNull(setter);
        if (context.TraceId == default || context.SpanId == default)
        {
            return false;
        }

        setter(carrier, TraceParentHeader, TraceParentParser.Format(context));
        if (!string.IsNullOrEmpty(context.TraceState))
        {
            setter(carrier, TraceStateHeader, context.TraceState);
        }

        return true;
    }

    /// <summary>Writes <paramref name="context"/> into a string dictionary (for example message properties).</summary>
    /// <param name="context">The context to send.</param>
    /// <param name="carrier">The dictionary; existing <c>traceparent</c>/<c>tracestate</c> entries are replaced.</param>
    /// <returns><see langword="false"/> when <paramref name="context"/> has no trace id, in which case nothing is written.</returns>
    public static bool Inject(ActivityContext context, IDictionary<string, string> carrier)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        return Inject(context, carrier, static (c, name, value) => c[name] = value);
    }

    /// <summary>Reads trace context from a carrier through <paramref name="getter"/>.</summary>
    /// <typeparam name="TCarrier">The carrier type.</typeparam>
    /// <param name="carrier">The message or its headers.</param>
    /// <param name="getter">
    /// Returns the value of one header, or <see langword="null"/>: (carrier, name). Header names are given in lowercase;
    /// receivers must accept them in any case, so a getter over case-sensitive storage should compare ignoring case.
    /// </param>
    /// <returns>The remote parent, or the reason there is none. Never throws for malformed values.</returns>
    public static TraceContextParseResult Extract<TCarrier>(TCarrier carrier, Func<TCarrier, string, string?> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        var traceParent = getter(carrier, TraceParentHeader);
        if (string.IsNullOrEmpty(traceParent))
        {
            return TraceParentParser.Parse(null, null);
        }

        return TraceParentParser.Parse(traceParent, getter(carrier, TraceStateHeader));
    }

    /// <summary>Reads trace context from a string dictionary; header names match in any case.</summary>
    /// <param name="carrier">The dictionary.</param>
    /// <returns>The remote parent, or the reason there is none. Never throws for malformed values.</returns>
    public static TraceContextParseResult Extract(IDictionary<string, string> carrier)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        return Extract(carrier, static (c, name) => GetIgnoringCase(c, name));
    }

    /// <summary>Parses a <c>traceparent</c> value and an optional <c>tracestate</c> value.</summary>
    /// <param name="traceParent">The <c>traceparent</c> value.</param>
    /// <param name="traceState">The <c>tracestate</c> value (several headers joined with commas), if any.</param>
    /// <returns>The remote parent, or the reason the value was rejected. Never throws.</returns>
    public static TraceContextParseResult Parse(string? traceParent, string? traceState = null) => TraceParentParser.Parse(traceParent, traceState);

    /// <summary>Parses a trace id as W3C trace context writes it: 32 lowercase hexadecimal digits, not all zero.</summary>
    /// <param name="text">The text, such as a route value or a query parameter.</param>
    /// <param name="traceId">The trace id, when the text is one.</param>
    /// <returns>Whether <paramref name="text"/> is a valid trace id. Never throws.</returns>
    public static bool TryParseTraceId(ReadOnlySpan<char> text, out ActivityTraceId traceId) => TraceParentParser.TryParseTraceId(text, out traceId);

    /// <summary>Formats <paramref name="context"/> as a version <c>00</c> <c>traceparent</c> value.</summary>
    /// <param name="context">The context; its trace id and span id must be set.</param>
    /// <returns>For example <c>00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01</c>.</returns>
    public static string FormatTraceParent(ActivityContext context)
    {
        if (context.TraceId == default || context.SpanId == default)
        {
            throw new ArgumentException("The context has no trace id or span id.", nameof(context));
        }

        return TraceParentParser.Format(context);
    }

    private static string? GetIgnoringCase(IDictionary<string, string> carrier, string name)
    {
        if (carrier.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var pair in carrier)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }
}
