using System.Diagnostics;

namespace MultiAgent.Observability.Tracing.Import;

/// <summary>
/// The fields of one span as they are read, in whatever order the file has them; <see cref="ToSpan"/> checks that the
/// required ones were there. Jaeger's service name and OTLP's resource and scope come after the spans they describe, so
/// both readers keep these until the enclosing object ends.
/// </summary>
internal sealed class SpanFields
{
    public ActivityTraceId TraceId { get; set; }

    public ActivitySpanId SpanId { get; set; }

    public ActivitySpanId ParentSpanId { get; set; }

    public string Name { get; set; } = string.Empty;

    public ActivityKind Kind { get; set; } = ActivityKind.Internal;

    public long? StartTicks { get; set; }

    public long? EndTicks { get; set; }

    public ActivityStatusCode Status { get; set; }

    public string? StatusDescription { get; set; }

    public string? SourceName { get; set; }

    /// <summary>Gets or sets Jaeger's process id of the span.</summary>
    public string? ProcessId { get; set; }

    public List<KeyValuePair<string, object?>> Attributes { get; } = [];

    /// <summary>Gets or sets the byte offset of the span's opening brace, for errors about a missing field.</summary>
    public long Position { get; set; }

    /// <summary>Builds the span, failing at the reader's position when a required field was missing.</summary>
    public SpanData ToSpan(JsonStreamReader reader)
    {
        var missing = TraceId == default ? "trace id" : SpanId == default ? "span id" : StartTicks is null ? "start time" : null;
        if (missing is not null)
        {
            throw reader.Fail($"the span '{Name}' that starts at byte {Position} has no {missing}");
        }

        var start = new DateTimeOffset(StartTicks!.Value, TimeSpan.Zero);
        return new SpanData
        {
            TraceId = TraceId,
            SpanId = SpanId,
            ParentSpanId = ParentSpanId,
            Name = Name,
            SourceName = SourceName ?? string.Empty,
            Kind = Kind,
            StartTime = start,
            EndTime = EndTicks is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : null,
            Status = Status,
            StatusDescription = StatusDescription,
            Attributes = Attributes.Count == 0 ? [] : Attributes.ToArray(),
        };
    }
}
