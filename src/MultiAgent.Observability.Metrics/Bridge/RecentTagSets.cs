namespace MultiAgent.Observability.Metrics.Bridge;

/// <summary>
/// Each thread's most recent tag set per instrument, matched by reference: when a measurement's tag keys and values
/// are the very objects of that thread's previous measurement on the instrument (string literals, tags kept in a
/// field), its series is known without hashing a string. Anything else falls back to the instrument's content-keyed
/// cache (<see cref="InstrumentBinding.Resolve"/>), at the cost of a few reference compares.
/// </summary>
/// <remarks>
/// The table is per thread, so the hot path takes no lock and writes no shared memory. A thread keeps at most
/// <see cref="Slots"/> entries; an entry may keep a stopped bridge's binding reachable until the thread overwrites it.
/// </remarks>
internal static class RecentTagSets
{
    /// <summary>The entries per thread, a power of two; instruments are spread over them by <see cref="InstrumentBinding.Slot"/>.</summary>
    public const int Slots = 16;

    /// <summary>The most tags a remembered tag set has; longer ones always take the content-keyed path.</summary>
    public const int MaxTags = 8;

    [ThreadStatic]
    private static Entry[]? t_entries;

    /// <summary>Gets the series of this thread's previous measurement on <paramref name="binding"/> if it had the same tag objects.</summary>
    public static bool TryGet(InstrumentBinding binding, ReadOnlySpan<KeyValuePair<string, object?>> tags, out ResolvedSeries series)
    {
        var entries = t_entries;
        if (entries is not null)
        {
            var entry = entries[binding.Slot & (Slots - 1)];
            if (entry is not null && ReferenceEquals(entry.Binding, binding) && entry.Matches(tags))
            {
                series = entry.Series;
                return true;
            }
        }

        series = default;
        return false;
    }

    /// <summary>Remembers a tag set's series for this thread's next measurement on <paramref name="binding"/>.</summary>
    public static void Remember(InstrumentBinding binding, ReadOnlySpan<KeyValuePair<string, object?>> tags, in ResolvedSeries series)
    {
        if (tags.Length > MaxTags)
        {
            return;
        }

        var entries = t_entries ??= new Entry[Slots];
        ref var entry = ref entries[binding.Slot & (Slots - 1)];
        entry ??= new Entry();
        entry.Binding = binding;
        tags.CopyTo(entry.Tags);
        entry.Count = tags.Length;
        entry.Series = series;
    }

    private sealed class Entry
    {
        public KeyValuePair<string, object?>[] Tags { get; } = new KeyValuePair<string, object?>[MaxTags];

        public InstrumentBinding? Binding { get; set; }

        public int Count { get; set; }

        public ResolvedSeries Series { get; set; }

        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length != Count)
            {
                return false;
            }

            var kept = Tags;
            for (var i = 0; i < tags.Length; i++)
            {
                if (!ReferenceEquals(tags[i].Key, kept[i].Key) || !ReferenceEquals(tags[i].Value, kept[i].Value))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
