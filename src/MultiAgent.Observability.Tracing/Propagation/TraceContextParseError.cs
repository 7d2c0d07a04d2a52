namespace MultiAgent.Observability.Tracing;

/// <summary>Why a W3C <c>traceparent</c> header was rejected.</summary>
public enum TraceContextParseError
{
    /// <summary>The header was accepted.</summary>
    None = 0,

    /// <summary>No <c>traceparent</c> header was present (or it was empty): the receiver starts a new trace.</summary>
    Missing,

    /// <summary>The header is shorter than 55 characters, or version <c>00</c> is not exactly 55 characters.</summary>
    InvalidLength,

    /// <summary>The version is not two lowercase hex digits.</summary>
    InvalidVersion,

    /// <summary>The version is <c>ff</c>, which the specification forbids.</summary>
    ForbiddenVersion,

    /// <summary>A <c>-</c> is missing between the fields, or after the flags of a future version.</summary>
    InvalidDelimiter,

    /// <summary>The trace-id is not 32 lowercase hex digits.</summary>
    InvalidTraceId,

    /// <summary>The trace-id is all zeros.</summary>
    ZeroTraceId,

    /// <summary>The parent-id is not 16 lowercase hex digits.</summary>
    InvalidParentId,

    /// <summary>The parent-id is all zeros.</summary>
    ZeroParentId,

    /// <summary>The trace-flags are not two lowercase hex digits.</summary>
    InvalidTraceFlags,

    /// <summary>Version <c>00</c> carries data after the flags.</summary>
    TrailingData,
}
