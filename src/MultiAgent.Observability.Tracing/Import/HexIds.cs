using System.Diagnostics;

namespace MultiAgent.Observability.Tracing.Import;

/// <summary>Trace and span ids from hex text of either case; Jaeger's 16-digit (64-bit) trace ids are left-padded with zeros.</summary>
internal static class HexIds
{
    public static bool TryTraceId(ReadOnlySpan<byte> hex, out ActivityTraceId id)
    {
        id = default;
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        if ((hex.Length != 32 && hex.Length != 16) || !TryDecode(hex, bytes[(16 - (hex.Length / 2))..]) || IsZero(bytes))
        {
            return false;
        }

        id = ActivityTraceId.CreateFromBytes(bytes);
        return true;
    }

    /// <summary>Reads a span id; an empty or all-zero one is <see langword="default"/> when <paramref name="allowNone"/> (OTLP's "no parent").</summary>
    public static bool TrySpanId(ReadOnlySpan<byte> hex, bool allowNone, out ActivitySpanId id)
    {
        id = default;
        if (hex.IsEmpty)
        {
            return allowNone;
        }

        Span<byte> bytes = stackalloc byte[8];
        if (hex.Length != 16 || !TryDecode(hex, bytes))
        {
            return false;
        }

        if (IsZero(bytes))
        {
            return allowNone;
        }

        id = ActivitySpanId.CreateFromBytes(bytes);
        return true;
    }

    private static bool TryDecode(ReadOnlySpan<byte> hex, Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = Digit(hex[2 * i]);
            var low = Digit(hex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int Digit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool IsZero(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept((byte)0) < 0;
}
