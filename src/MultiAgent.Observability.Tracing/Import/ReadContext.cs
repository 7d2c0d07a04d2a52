namespace MultiAgent.Observability.Tracing.Import;

/// <summary>What one read shares: the spans so far with their services, the span limit and the string pool.</summary>
internal sealed class ReadContext(int maxSpans)
{
    private readonly List<SpanData> _spans = [];
    private readonly List<string?> _services = [];
    private int _started;

    public StringPool Strings { get; } = new();

    /// <summary>Starts a span at the current token, counting it against the limit.</summary>
    public SpanFields StartSpan(JsonStreamReader reader)
    {
        if (++_started > maxSpans)
        {
            throw reader.Fail($"the file holds more than {maxSpans} spans (TraceFileReaderOptions.MaxSpans)");
        }

        return new SpanFields { Position = reader.TokenPosition };
    }

    /// <summary>Adds a finished span and the service (OTLP resource, Jaeger process) it came from.</summary>
    public void Add(SpanData span, string? service)
    {
        _spans.Add(span);
        _services.Add(service);
    }

    /// <summary>
    /// The spans, each entry span of a service (no parent, a parent not in the file, or a parent of another service)
    /// given the service as its <c>service.name</c> attribute when it has none.
    /// </summary>
    public List<SpanData> Finish()
    {
        var serviceOf = new Dictionary<(System.Diagnostics.ActivityTraceId, System.Diagnostics.ActivitySpanId), string?>(_spans.Count);
        for (var i = 0; i < _spans.Count; i++)
        {
            serviceOf[(_spans[i].TraceId, _spans[i].SpanId)] = _services[i];
        }

        for (var i = 0; i < _spans.Count; i++)
        {
            var span = _spans[i];
            var service = _services[i];
            if (service is null || HasServiceName(span)
                || (span.ParentSpanId != default && serviceOf.TryGetValue((span.TraceId, span.ParentSpanId), out var parent) && parent == service))
            {
                continue;
            }

            _spans[i] = span with { Attributes = [.. span.Attributes, new(GenAIAttributes.ServiceName, service)] };
        }

        return _spans;
    }

    private static bool HasServiceName(SpanData span)
    {
        foreach (var attribute in span.Attributes)
        {
            if (attribute.Key == GenAIAttributes.ServiceName)
            {
                return true;
            }
        }

        return false;
    }
}
