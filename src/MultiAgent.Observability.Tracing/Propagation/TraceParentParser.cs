using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// A W3C Trace Context <c>traceparent</c> parser. Written by hand because <see cref="ActivityContext.TryParse(string, string, bool, out ActivityContext)"/>
/// rejects future versions that the specification says a receiver SHOULD parse.
/// </summary>
internal static class TraceParentParser
{
    // version(2) '-' trace-id(32) '-' parent-id(16) '-' flags(2)
    internal const int Length = 55;
    private const int TraceIdOffset = 3;
    private const int ParentIdOffset = 36;
    private const int FlagsOffset = 53;

    // Bits this library understands: sampled (0x01) and, from Trace Context Level 2, random trace-id (0x02).
    private const byte KnownFlags = 0x03;

    public static TraceContextParseResult Parse(string? traceParent, string? traceState)
    {
        if (string.IsNullOrEmpty(traceParent))
        {
            return TraceContextParseResult.Failure(TraceContextParseError.Missing, "no traceparent header");
        }

        var s = traceParent.AsSpan().Trim(" \t");
        if (s.Length < 2 || !TryParseHexByte(s, 0, out var version))
        {
            return TraceContextParseResult.Failure(TraceContextParseError.InvalidVersion, $"traceparent version '{Excerpt(s, 0, 2)}' at offset 0 is not two lowercase hex digits");
        }

        if (version == 0xff)
        {
            return TraceContextParseResult.Failure(TraceContextParseError.ForbiddenVersion, "traceparent version 'ff' is forbidden", version);
        }

        if (s.Length < Length)
        {
            return TraceContextParseResult.Failure(TraceContextParseError.InvalidLength, $"traceparent is {s.Length} characters; at least {Length} are required", version);
        }

        if (version == 0 && s.Length > Length)
        {
            return TraceContextParseResult.Failure(TraceContextParseError.TrailingData, $"traceparent version 00 must be exactly {Length} characters, not {s.Length}", version);
        }

        if (s[2] != '-' || s[TraceIdOffset + 32] != '-' || s[ParentIdOffset + 16] != '-' || (s.Length > Length && s[Length] != '-'))
        {
            return TraceContextParseResult.Failure(TraceContextParseError.InvalidDelimiter, "traceparent fields must be separated by '-' at offsets 2, 35, 52 (and 55 for future versions)", version);
        }

        var traceIdChars = s.Slice(TraceIdOffset, 32);
        if (!IsLowerHex(traceIdChars, out var traceIdZero))
        {
            return TraceContextParseResult.Failure(TraceContextParseError.InvalidTraceId, $"traceparent trace-id '{traceIdChars}' at offset {TraceIdOffset} is not 32 lowercase hex digits", version);
        }

        if (traceIdZero)
        {
            return TraceContextParseResult.Failure(TraceContextParseError.ZeroTraceId, "traceparent trace-id is all zeros", version);
        }

        var parentIdChars = s.Slice(ParentIdOffset, 16);
        if (!IsLowerHex(parentIdChars, out var parentIdZero))
        {
            return TraceContextParseResult.Failure(TraceContextParseError.InvalidParentId, $"traceparent parent-id '{parentIdChars}' at offset {ParentIdOffset} is not 16 lowercase hex digits", version);
        }

        if (parentIdZero)
        {
            return TraceContextParseResult.Failure(TraceContextParseError.ZeroParentId, "traceparent parent-id is all zeros", version);
        }

        if (!TryParseHexByte(s, FlagsOffset, out var flags))
        {
            return TraceContextParseResult.Failure(TraceContextParseError.InvalidTraceFlags, $"traceparent trace-flags '{Excerpt(s, FlagsOffset, 2)}' at offset {FlagsOffset} are not two lowercase hex digits", version);
        }

        var (state, dropped) = TraceStateParser.Parse(traceState);
        var context = new ActivityContext(
            ActivityTraceId.CreateFromString(traceIdChars),
            ActivitySpanId.CreateFromString(parentIdChars),
            (ActivityTraceFlags)(flags & KnownFlags),
            state,
            isRemote: true);
        return TraceContextParseResult.Success(context, version, (byte)flags, dropped);
    }

    public static string Format(in ActivityContext context)
    {
        var flags = (byte)((byte)context.TraceFlags & KnownFlags);
        return string.Create(Length, (context.TraceId, context.SpanId, flags), static (span, state) =>
        {
            span[0] = '0';
            span[1] = '0';
            span[2] = '-';
            state.TraceId.ToHexString().AsSpan().CopyTo(span[TraceIdOffset..]);
            span[TraceIdOffset + 32] = '-';
            state.SpanId.ToHexString().AsSpan().CopyTo(span[ParentIdOffset..]);
            span[ParentIdOffset + 16] = '-';
            span[FlagsOffset] = ToHex(state.flags >> 4);
            span[FlagsOffset + 1] = ToHex(state.flags & 0xf);
        });
    }

    private static char ToHex(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

    /// <summary>Parses a trace-id on its own: 32 lowercase hex digits, not all zero.</summary>
    public static bool TryParseTraceId(ReadOnlySpan<char> s, out ActivityTraceId traceId)
    {
        traceId = default;
        if (s.Length != 32 || !IsLowerHex(s, out var allZero) || allZero)
        {
            return false;
        }

        traceId = ActivityTraceId.CreateFromString(s);
        return true;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> chars, out bool allZero)
    {
        allZero = true;
        foreach (var c in chars)
        {
            if (HexValue(c) < 0)
            {
                return false;
            }

            if (c != '0')
            {
                allZero = false;
            }
        }

        return true;
    }

    private static bool TryParseHexByte(ReadOnlySpan<char> s, int offset, out int value)
    {
        var high = HexValue(s[offset]);
        var low = HexValue(s[offset + 1]);
        value = (high << 4) | low;
        return high >= 0 && low >= 0;
    }

    // Lowercase only: the specification forbids uppercase hex in traceparent.
    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    private static string Excerpt(ReadOnlySpan<char> s, int offset, int length) =>
        offset >= s.Length ? string.Empty : s.Slice(offset, Math.Min(length, s.Length - offset)).ToString();
}
