using System.Runtime.InteropServices;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The aggregate of one series. Only the consumer thread writes it; readers on other threads take
/// consistent snapshots through a sequence lock (the version is odd while a write is in progress),
/// so the consumer never waits for a reader.
/// </summary>
internal abstract class SeriesState
{
    // x86/x64 keep stores in order; weaker memory models need a fence after the odd version store.
    private static readonly bool NeedsStoreFence =
        RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.X86);

    private readonly long[] _recentTimes;
    private readonly double[] _recentValues;
    private int _version;
    private long _recentWritten;
    private int _recentNext;
    private long _count;
    private long _lastMs;

    protected SeriesState(MetricSeriesInfo info, int recentCapacity)
    {
        Info = info;
        _recentTimes = new long[recentCapacity];
        _recentValues = new double[recentCapacity];
    }

    public MetricSeriesInfo Info { get; }

    public void Apply(SampleOp op, double value, long timestampMs)
    {
        var version = _version;
        Volatile.Write(ref _version, version + 1);
        if (NeedsStoreFence)
        {
            Interlocked.MemoryBarrier();
        }

        var recent = ApplyCore(op, value, timestampMs);
        _count++;
        _lastMs = timestampMs;
        var slot = _recentNext;
        _recentTimes[slot] = timestampMs;
        _recentValues[slot] = recent;
        _recentNext = slot + 1 == _recentTimes.Length ? 0 : slot + 1;
        _recentWritten++;
        Volatile.Write(ref _version, version + 2);
    }

    public MetricAggregate? Snapshot(long nowMs) => ReadConsistent(nowMs, static (state, now) =>
    {
        var count = state._count;
        return count == 0 ? null : state.SnapshotCore(count, DateTimeOffset.FromUnixTimeMilliseconds(state._lastMs), now);
    });

    public List<MetricPoint> Recent(long fromMs, long toMs) => ReadConsistent((fromMs, toMs), static (state, window) =>
    {
        var points = new List<MetricPoint>();
        state.CopyRecent(window.fromMs, window.toMs, points);
        return points;
    });

    /// <summary>Folds one sample in; returns the value kept in the recent ring.</summary>
    protected abstract double ApplyCore(SampleOp op, double value, long timestampMs);

    /// <summary>Builds the snapshot; runs inside the read side of the sequence lock and may see torn data, which the caller discards.</summary>
    protected abstract MetricAggregate SnapshotCore(long count, DateTimeOffset last, long nowMs);

    /// <summary>
    /// The read side of the sequence lock: runs <paramref name="read"/> while no write is in progress and returns
    /// its result only if no write started meanwhile; otherwise spins and reads again.
    /// </summary>
    private TResult ReadConsistent<TArg, TResult>(TArg arg, Func<SeriesState, TArg, TResult> read)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _version);
            if ((before & 1) == 0)
            {
                var result = read(this, arg);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _version) == before)
                {
                    return result;
                }
            }

            spinner.SpinOnce();
        }
    }

    /// <summary>Copies the recent values in [fromMs, toMs], oldest first. Only for use inside a snapshot.</summary>
    protected void CopyRecent(long fromMs, long toMs, List<MetricPoint> into)
    {
        var written = _recentWritten;
        var capacity = _recentTimes.Length;
        var kept = (int)Math.Min(written, capacity);
        for (var i = 0; i < kept; i++)
        {
            var slot = (int)((written - kept + i) % capacity);
            var t = _recentTimes[slot];
            if (t >= fromMs && t <= toMs)
            {
                into.Add(new MetricPoint(DateTimeOffset.FromUnixTimeMilliseconds(t), _recentValues[slot]));
            }
        }
    }
}
