using System.Runtime.InteropServices;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The most recent samples of all series: a fixed ring of structs the consumer writes without locks.
/// Each entry carries its sequence number, cleared while it is rewritten, so a reader keeps only
/// entries it saw whole.
/// </summary>
internal sealed class HistoryRing(int capacity)
{
    private static readonly bool NeedsStoreFence =
        RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.X86);

    private readonly Entry[] _entries = new Entry[capacity];
    private long _written;
    private int _next;

    /// <summary>Gets how many samples the ring keeps.</summary>
    public int Capacity => _entries.Length;

    /// <summary>Gets how many samples were ever written into the ring.</summary>
    public long Written => Volatile.Read(ref _written);

    public void Add(int series, double value, long timestampMs)
    {
        ref var entry = ref _entries[_next];
        Volatile.Write(ref entry.Sequence, 0);
        if (NeedsStoreFence)
        {
            Interlocked.MemoryBarrier();
        }

        entry.Series = series;
        entry.Value = value;
        entry.TimestampMs = timestampMs;
        var written = _written + 1;
        Volatile.Write(ref entry.Sequence, written);
        Volatile.Write(ref _written, written);
        _next = _next + 1 == _entries.Length ? 0 : _next + 1;
    }

    public List<(int Series, double Value, long TimestampMs)> Snapshot()
    {
        var written = Volatile.Read(ref _written);
        var first = Math.Max(1, written - _entries.Length + 1);
        var result = new List<(int, double, long)>((int)(written - first + 1));
        for (var sequence = first; sequence <= written; sequence++)
        {
            ref var entry = ref _entries[(sequence - 1) % _entries.Length];
            var before = Volatile.Read(ref entry.Sequence);
            var copy = (entry.Series, entry.Value, entry.TimestampMs);
            Interlocked.MemoryBarrier();
            if (before == sequence && Volatile.Read(ref entry.Sequence) == sequence)
            {
                result.Add(copy);
            }
        }

        return result;
    }

    private struct Entry
    {
        public long Sequence;
        public double Value;
        public long TimestampMs;
        public int Series;
    }
}
