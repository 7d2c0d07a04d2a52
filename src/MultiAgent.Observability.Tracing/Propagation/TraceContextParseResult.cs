using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>The outcome of reading W3C trace context from a message: the parent context, or why there is none.</summary>
public sealed class TraceContextParseResult
{
    private TraceContextParseResult(ActivityContext context, TraceContextParseError error, string? reason, int version, byte rawTraceFlags, int droppedTraceStateMembers)
    {
        Context = context;
        Error = error;
        Reason = reason;
        Version = version;
        RawTraceFlags = rawTraceFlags;
        DroppedTraceStateMembers = droppedTraceStateMembers;
    }

    /// <summary>Gets a value indicating whether a valid <c>traceparent</c> was read.</summary>
    public bool IsValid => Error == TraceContextParseError.None;

    /// <summary>
    /// Gets the remote parent (<see cref="ActivityContext.IsRemote"/> is <see langword="true"/>), with the valid
    /// <c>tracestate</c> members; <see langword="default"/> when <see cref="IsValid"/> is <see langword="false"/>.
    /// </summary>
    public ActivityContext Context { get; }

    /// <summary>Gets why the header was rejected, or <see cref="TraceContextParseError.None"/>.</summary>
    public TraceContextParseError Error { get; }

    /// <summary>Gets a sentence naming what was wrong and where, or <see langword="null"/> when valid.</summary>
    public string? Reason { get; }

    /// <summary>Gets the header version (0 for <c>00</c>), or -1 when it could not be read.</summary>
    public int Version { get; }

    /// <summary>
    /// Gets the trace-flags byte as received. <see cref="Context"/> keeps only the bits this library knows
    /// (0x01 sampled, 0x02 random trace-id); other bits are ignored, as the specification requires.
    /// </summary>
    public byte RawTraceFlags { get; }

    /// <summary>Gets the number of <c>tracestate</c> members dropped as invalid, duplicate or beyond the 32-member limit.</summary>
    /// <remarks>A broken <c>tracestate</c> never invalidates <c>traceparent</c>.</remarks>
    public int DroppedTraceStateMembers { get; }

    internal static TraceContextParseResult Success(ActivityContext context, int version, byte rawTraceFlags, int droppedTraceStateMembers) =>
        new(context, TraceContextParseError.None, null, version, rawTraceFlags, droppedTraceStateMembers);

    internal static TraceContextParseResult Failure(TraceContextParseError error, string reason, int version = -1) =>
        new(default, error, reason, version, 0, 0);

    /// <inheritdoc/>
    public override string ToString() => IsValid ? $"valid: {Context.TraceId}-{Context.SpanId}" : $"{Error}: {Reason}";
}
