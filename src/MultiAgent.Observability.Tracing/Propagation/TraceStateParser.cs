using System.Text;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Validates a W3C <c>tracestate</c> list: at most 32 <c>key=value</c> members, keys and values per the
/// specification's grammar. Invalid or duplicate members are dropped and counted; they never invalidate <c>traceparent</c>.
/// </summary>
internal static class TraceStateParser
{
    internal const int MaxMembers = 32;

    public static (string? TraceState, int Dropped) Parse(string? traceState)
    {
        if (string.IsNullOrWhiteSpace(traceState))
        {
            return (null, 0);
        }

        var dropped = 0;
        var kept = 0;
        StringBuilder? builder = null;
        Span<Range> keys = stackalloc Range[MaxMembers];
        var rest = traceState.AsSpan();
        var start = 0;
        while (start <= traceState.Length)
        {
            var comma = traceState.IndexOf(',', start);
            var end = comma < 0 ? traceState.Length : comma;
            var member = new Range(start, end);
            start = end + 1;
            var text = rest[member].Trim(" \t");

            // Empty members ("a=1,,b=2") are allowed by the grammar and carry nothing.
            if (text.IsEmpty)
            {
                if (comma < 0)
                {
                    break;
                }

                continue;
            }

            var eq = text.IndexOf('=');
            if (kept >= MaxMembers || eq <= 0 || !IsValidKey(text[..eq]) || !IsValidValue(text[(eq + 1)..]) || IsDuplicate(rest, keys[..kept], text[..eq]))
            {
                dropped++;
            }
            else
            {
                var offset = member.Start.Value + rest[member].IndexOf(text);
                keys[kept++] = new Range(offset, offset + eq);
                builder ??= new StringBuilder(traceState.Length);
                if (builder.Length > 0)
                {
                    builder.Append(',');
                }

                builder.Append(text);
            }

            if (comma < 0)
            {
                break;
            }
        }

        return (builder?.ToString(), dropped);
    }

    private static bool IsDuplicate(ReadOnlySpan<char> all, ReadOnlySpan<Range> keys, ReadOnlySpan<char> key)
    {
        foreach (var range in keys)
        {
            if (all[range].SequenceEqual(key))
            {
                return true;
            }
        }

        return false;
    }

    // key = simple-key / multi-tenant-key
    // simple-key = lcalpha 0*255( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
    // multi-tenant-key = tenant-id "@" system-id; tenant-id = ( lcalpha / DIGIT ) 0*240( keychar ); system-id = lcalpha 0*13( keychar )
    internal static bool IsValidKey(ReadOnlySpan<char> key)
    {
        var at = key.IndexOf('@');
        if (at < 0)
        {
            return key.Length is >= 1 and <= 256 && IsLowerAlpha(key[0]) && AreKeyChars(key[1..]);
        }

        var tenant = key[..at];
        var system = key[(at + 1)..];
        return tenant.Length is >= 1 and <= 241 && (IsLowerAlpha(tenant[0]) || char.IsAsciiDigit(tenant[0])) && AreKeyChars(tenant[1..])
            && system.Length is >= 1 and <= 14 && IsLowerAlpha(system[0]) && AreKeyChars(system[1..]);
    }

    // value = 0*255(chr) nblk-chr; chr = %x20 / nblk-chr; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E
    internal static bool IsValidValue(ReadOnlySpan<char> value)
    {
        if (value.Length is < 1 or > 256 || value[^1] == ' ')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or ',' or '=')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlpha(char c) => c is >= 'a' and <= 'z';

    private static bool AreKeyChars(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (!(IsLowerAlpha(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '*' or '/'))
            {
                return false;
            }
        }

        return true;
    }
}
