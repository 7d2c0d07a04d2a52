using System.Diagnostics;

namespace MultiAgent.Observability.AspNetCore.Api;

/// <summary>Parses the trace id of <c>/api/traces/{traceId}</c>: 32 lowercase hexadecimal characters, not all zero (W3C trace context).</summary>
internal static class TraceIds
{
    public const int Length = 32;

    public static bool TryParse(string? text, out ActivityTraceId traceId)
    {
        traceId = default;
        if (text is null || text.Length != Length)
        {
            return false;
        }

        var allZero = true;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is < 'a' or > 'f')
            {
                return false;
            }

            allZero &= c == '0';
        }

        if (allZero)
        {
            return false;
        }

        traceId = ActivityTraceId.CreateFromString(text);
        return true;
    }
}
