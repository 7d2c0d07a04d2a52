namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The size rules a span obeys before the store keeps it, and the byte estimate behind <see cref="AgentTracingOptions.MaxStoreBytes"/>:
/// strings are cut to <see cref="AgentTracingOptions.MaxAttributeValueLength"/>, attributes past the count or byte limit
/// of their span are dropped, and values whose size cannot be known (any other object) are kept as their text. Why: a
/// count limit alone let 4 KB values cost 8.4 KB per span, so a store of a million spans could reach gigabytes.
/// </summary>
internal sealed class SpanLimits
{
    /// <summary>A string's heap size: header, method table, length and UTF-16 characters with a terminator, 8-byte aligned.</summary>
    private const int StringOverhead = 22;

    /// <summary>A boxed number, boolean or other primitive kept as an object.</summary>
    private const int BoxBytes = 24;

    /// <summary>An array's header (method table, header, length) before its elements.</summary>
    private const int ArrayOverhead = 24;

    public SpanLimits(AgentTracingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MaxValueLength = options.MaxAttributeValueLength;
        MaxAttributes = options.MaxAttributesPerSpan;
        MaxAttributeBytes = options.MaxSpanAttributeBytes;
    }

    public int MaxValueLength { get; }

    public int MaxAttributes { get; }

    public int MaxAttributeBytes { get; }

    /// <summary>Gets the most one span can cost in the estimate: its slot, three strings at the length limit and its attribute budget.</summary>
    public long MaxSpanBytes(int spanSlotBytes) => spanSlotBytes + (3L * StringBytes(MaxValueLength)) + MaxAttributeBytes;

    public static int StringBytes(int length) => (StringOverhead + (2 * length) + 7) & ~7;

    public static long StringBytes(string? value) => value is null ? 0 : StringBytes(value.Length);

    /// <summary>Cuts a string to the length limit, never between the two halves of a surrogate pair.</summary>
    public string? Truncate(string? value, ref int truncated)
    {
        if (value is null || value.Length <= MaxValueLength)
        {
            return value;
        }

        truncated++;
        var length = MaxValueLength;
        if (char.IsHighSurrogate(value[length - 1]))
        {
            length--;
        }

        return value[..length];
    }

    /// <summary>
    /// Makes the value the store keeps for an attribute and estimates its size, allocating nothing for a value that does
    /// not fit. Returns <see langword="false"/> when the value cannot be kept: larger than <paramref name="budget"/>
    /// after truncation, or without readable text; the caller drops and counts the attribute.
    /// </summary>
    public bool TryLimit(object? value, long budget, out object? kept, out long bytes, ref int truncated)
    {
        kept = value;
        switch (value)
        {
            case null:
            case long or int or double or bool:
                // Held unboxed in the slot.
                bytes = 0;
                break;
            case string s:
                bytes = TruncatedBytes(s);
                kept = bytes <= budget ? Truncate(s, ref truncated) : null;
                break;
            case decimal:
                bytes = BoxBytes + 8;
                break;
            case string?[] strings:
                bytes = ArrayOverhead + (8L * strings.Length);
                foreach (var element in strings)
                {
                    bytes += element is null ? 0 : TruncatedBytes(element);
                }

                kept = bytes <= budget ? TruncateAll(strings, ref truncated) : null;
                break;
            case Array array when array.Rank == 1 && array.GetType().GetElementType() is { IsPrimitive: true }:
                bytes = ArrayOverhead + (long)Buffer.ByteLength(array);
                break;
            default:
                if (value.GetType().IsPrimitive)
                {
                    bytes = BoxBytes;
                    break;
                }

                // An object of any other type may hold anything; its text is what exporters write anyway. One whose
                // text cannot be read is dropped.
                var text = SpanAttributes.TextOf(value);
                if (text is null)
                {
                    kept = null;
                    bytes = 0;
                    return false;
                }

                bytes = TruncatedBytes(text);
                kept = bytes <= budget ? Truncate(text, ref truncated) : null;
                break;
        }

        return bytes <= budget;
    }

    private int TruncatedBytes(string value) => StringBytes(Math.Min(value.Length, MaxValueLength));

    private string?[] TruncateAll(string?[] strings, ref int truncated)
    {
        var copy = strings;
        for (var i = 0; i < strings.Length; i++)
        {
            var element = strings[i];
            if (element is not null && element.Length > MaxValueLength)
            {
                if (ReferenceEquals(copy, strings))
                {
                    copy = (string?[])strings.Clone();
                }

                copy[i] = Truncate(element, ref truncated);
            }
        }

        return copy;
    }
}
