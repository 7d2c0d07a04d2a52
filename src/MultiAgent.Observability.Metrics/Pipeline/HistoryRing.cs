using System.Runtime.InteropServices;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The most recent samples of all series: a fixed ring of structs the consumer writes without locks, a whole batch at
/// a time. The writer announces how far a write reaches (<see cref="_claimed"/>) before it overwrites anything and
/// publishes it (<see cref="_written"/>) after, so a reader keeps only the entries no write could have reached while
/// it copied them: no per-entry bookkeeping on the write path.
/// </summary>
internal sealed class HistoryRing(int capacity)
{
    private static readonly bool NeedsStoreFence =
        RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.X86);

    private readonly Entry[] _entries = new Entry[capacity];

    // Sample n (counting from 1) lives at (n - 1) % capacity. Every sample up to _written is whole; a write in progress
    // may be overwriting any entry older than _claimed - capacity.
    private long _written;
    private long _claimed;

    /// <summary>Gets how many samples the ring keeps.</summary>
    public int Capacity => _entries.Length;

    /// <summary>Gets how many samples were ever written into the ring.</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>
    /// Adds a batch's samples (only the consumer, one thread at a time, writes), each at <paramref name="timestampMs"/> or, when <paramref name="times"/> is given, at its
    /// own time; only the newest <see cref="Capacity"/> of them when there are more.
    /// </summary>
    public void Add(ReadOnlySpan<Sample> samples, long timestampMs, long[]? times)
    {
        var skip = Math.Max(0, samples.Length - _entries.Length);
        var start = _written + skip;
        var end = _written + samples.Length;
        Volatile.Write(ref _claimed, end);
        if (NeedsStoreFence)
        {
            Interlocked.MemoryBarrier();
        }

        var position = (int)(start % _entries.Length);
        for (var i = skip; i < samples.Length; i++)
        {
            ref var entry = ref _entries[position];
            entry.Series = samples[i].Series;
            entry.Value = samples[i].Value;
            entry.TimestampMs = times is null ? timestampMs : times[i];
            position = position + 1 == _entries.Length ? 0 : position + 1;
        }

        Volatile.Write(ref _written, end);
    }

    /// <summary>Copies the samples the ring holds, oldest first, leaving out any a concurrent write may have torn.</summary>
    public List<(int Series, double Value, long TimestampMs)> Snapshot()
    {
        var written = Volatile.Read(ref _written);
        var first = Math.Max(1, written - _entries.Length + 1);
        var copy = new List<(int Series, double Value, long TimestampMs)>((int)(written - first + 1));
        for (var sequence = first; sequence <= written; sequence++)
        {
            ref readonly var entry = ref _entries[(sequence - 1) % _entries.Length];
            copy.Add((entry.Series, entry.Value, entry.TimestampMs));
        }

        // Entries at or below claimed - capacity may have been rewritten while they were copied: they are the oldest, so drop from the front.
        Interlocked.MemoryBarrier();
        var torn = Volatile.Read(ref _claimed) - _entries.Length - first + 1;
        if (torn > 0)
        {
            copy.RemoveRange(0, (int)Math.Min(torn, copy.Count));
        }

        return copy;
    }

    private struct Entry
    {
        public double Value;
        public long TimestampMs;
        public int Series;
    }
}
