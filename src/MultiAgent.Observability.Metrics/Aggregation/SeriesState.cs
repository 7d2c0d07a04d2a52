using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The aggregate of one series. Only the consumer thread writes it; readers on other threads take
/// consistent copies through a sequence lock (the version is odd while a write is in progress),
/// so the consumer never waits for a reader.
/// </summary>
internal abstract class SeriesState
{
    // x86/x64 keep stores in order; weaker memory models need a fence after the odd version store.
    private static readonly bool NeedsStoreFence =
        RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.X86);

    private readonly RecentPoint[] _recent;
    private int _version;
    private int _recentNext;
    // Samples applied, each of which also put one value into the recent ring.
    private long _count;
    private long _lastMs;
    private SnapshotStage? _stage;

    protected SeriesState(MetricSeriesInfo info, MetricFamily family, int recentCapacity, bool retired = false)
    {
        Info = info;
        Family = family;
        IsRetired = retired;
        _recent = new RecentPoint[recentCapacity];
    }

    /// <summary>Gets whether this is the placeholder a retired series' slot holds: it takes no sample and has no value.</summary>
    public bool IsRetired { get; }

    /// <summary>Gets the stage a cumulative snapshot is put on before its <see cref="SampleOp.Snapshot"/> sample; created on first use.</summary>
    public SnapshotStage Stage
    {
        get
        {
            if (Volatile.Read(ref _stage) is { } stage)
            {
                return stage;
            }

            Interlocked.CompareExchange(ref _stage, new SnapshotStage(SnapshotLength), null);
            return _stage!;
        }
    }

    /// <summary>Gets how many values a snapshot of this kind has: buckets with <c>+Inf</c>, or quantiles; zero for other kinds.</summary>
    public virtual int SnapshotLength => 0;

    /// <summary>Gets what the series is: agent id, metric name, kind and sorted labels.</summary>
    public MetricSeriesInfo Info { get; }

    /// <summary>Gets the series' family, with its bucket bounds and quantiles.</summary>
    public MetricFamily Family { get; }

    /// <summary>Gets how many values the recent ring keeps: the window a summary's quantiles are computed over.</summary>
    protected int RecentCapacity => _recent.Length;

    public static SeriesState Create(MetricSeriesInfo info, MetricFamily family, AgentMetricsOptions options) => family.Kind switch
    {
        MetricKind.Counter => new CounterState(info, family, options.RecentValuesPerSeries),
        MetricKind.Gauge => new GaugeState(info, family, options.RecentValuesPerSeries),
        MetricKind.Histogram => new HistogramState(info, family, options.RecentValuesPerSeries),
        _ => new SummaryState(
            info,
            family,
            Math.Max(options.RecentValuesPerSeries, options.SummaryMaxObservations),
            (long)options.SummaryMaxAge.TotalMilliseconds),
    };

    /// <summary>Folds one sample in; only the consumer calls it, once per sample, so it is inlined into the consumer's loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(SampleOp op, double value, long timestampMs)
    {
        if (IsRetired)
        {
            // A sample recorded before its series was retired and aggregated after: the series is gone.
            return;
        }

        var version = _version;
        Volatile.Write(ref _version, version + 1);
        if (NeedsStoreFence)
        {
            Interlocked.MemoryBarrier();
        }

        // Counters and gauges carry most samples: both types are sealed, so they fold without a virtual call.
        var recent = this switch
        {
            CounterState counter => counter.ApplyCore(op, value, timestampMs),
            GaugeState gauge => gauge.ApplyCore(op, value, timestampMs),
            _ => ApplyCore(op, value, timestampMs),
        };
        _count++;
        _lastMs = timestampMs;
        var slot = _recentNext;
        ref var point = ref _recent[slot];
        point.TimestampMs = timestampMs;
        point.Value = recent;
        _recentNext = slot + 1 == _recent.Length ? 0 : slot + 1;
        Volatile.Write(ref _version, version + 2);
    }

    /// <summary>
    /// Reads the aggregate into caller-owned memory without allocating: <paramref name="cumulativeCounts"/> takes a
    /// histogram's cumulative bucket counts (one per <see cref="MetricFamily.Buckets"/> bound, then <c>+Inf</c>),
    /// <paramref name="quantileValues"/> a summary's value for each of <see cref="MetricFamily.Quantiles"/>; other
    /// kinds leave both untouched and may pass empty spans.
    /// </summary>
    /// <returns>False when no sample has been aggregated yet (nothing to expose).</returns>
    /// <exception cref="ArgumentException">A span is shorter than the family's buckets (+1) or quantiles need.</exception>
    public bool ReadInto(long nowMs, ref SeriesReading reading, Span<long> cumulativeCounts, Span<double> quantileValues)
    {
        if ((Info.Kind == MetricKind.Histogram && cumulativeCounts.Length <= Family.Buckets.Length)
            || (Info.Kind == MetricKind.Summary && quantileValues.Length < Family.Quantiles.Length))
        {
            throw new ArgumentException(
                $"{Info.Kind} '{Info.Name}' needs {Family.Buckets.Length + 1} cumulative counts or {Family.Quantiles.Length} quantile values to read into.",
                Info.Kind == MetricKind.Histogram ? nameof(cumulativeCounts) : nameof(quantileValues));
        }

        var scratch = WindowScratch(out var rented);
        try
        {
            var read = new AggregateRead(nowMs, ref reading, cumulativeCounts, scratch);
            ReadConsistent(ref read);
            CompleteRead(ref reading, cumulativeCounts, scratch, quantileValues);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }

        return reading.SampleCount > 0;
    }

    /// <summary>Reads the aggregate as a public <see cref="MetricAggregate"/>, or null when nothing is aggregated yet.</summary>
    public MetricAggregate? Snapshot(long nowMs)
    {
        var reading = default(SeriesReading);
        var counts = Info.Kind == MetricKind.Histogram ? new long[Family.Buckets.Length + 1] : [];
        var quantiles = Info.Kind == MetricKind.Summary ? new double[Family.Quantiles.Length] : [];
        return ReadInto(nowMs, ref reading, counts, quantiles) ? ToAggregate(reading, counts, quantiles) : null;
    }

    /// <summary>Gets the recent values in [fromMs, toMs], oldest first.</summary>
    public List<MetricPoint> Recent(long fromMs, long toMs)
    {
        var read = new RecentRead(fromMs, toMs, []);
        ReadConsistent(ref read);
        return read.Points;
    }

    /// <summary>
    /// Copies the recent values with <paramref name="afterMs"/> &lt; t &lt;= <paramref name="untilMs"/> into caller-owned
    /// buffers, oldest first (the newest ones when the buffers are shorter); allocates nothing. For a counter the values
    /// are its cumulative totals.
    /// </summary>
    /// <returns>How many values were copied.</returns>
    public int CopyRecent(long afterMs, long untilMs, Span<long> times, Span<double> values)
    {
        var copy = new RecentCopy(afterMs, untilMs, times, values);
        ReadConsistent(ref copy);
        times[..copy.Count].Reverse();
        values[..copy.Count].Reverse();
        return copy.Count;
    }

    /// <summary>Takes the staged snapshot, if any, for <see cref="SampleOp.Snapshot"/>; only the consumer calls it.</summary>
    /// <returns>False when none is staged.</returns>
    protected bool TryTakeSnapshot(Span<double> values, out double sum, out double count)
    {
        sum = 0;
        count = 0;
        return Volatile.Read(ref _stage) is { } stage && stage.TryTake(values, out sum, out count);
    }

    /// <summary>Folds one sample in; returns the value kept in the recent ring.</summary>
    protected abstract double ApplyCore(SampleOp op, double value, long timestampMs);

    /// <summary>Copies the kind's fields; runs inside the read side of the sequence lock and may see torn data, which is then discarded and read again.</summary>
    /// <returns>How many values of <paramref name="window"/> it filled.</returns>
    protected abstract int ReadCore(long nowMs, ref SeriesReading reading, Span<long> counts, Span<double> window);

    /// <summary>Finishes a consistent copy outside the sequence lock (a histogram makes its counts cumulative, a summary computes its quantiles).</summary>
    protected virtual void CompleteRead(ref SeriesReading reading, Span<long> counts, Span<double> window, Span<double> quantileValues)
    {
    }

    /// <summary>Builds the public aggregate from a consistent reading.</summary>
    protected abstract MetricAggregate ToAggregate(in SeriesReading reading, long[] cumulativeCounts, double[] quantileValues);

    /// <summary>Gets how much scratch <see cref="ReadCore"/> needs for window values; zero for kinds without a window.</summary>
    protected virtual int WindowLength => 0;

    /// <summary>Copies the recent values recorded at or after <paramref name="fromMs"/>, oldest first. Only for use inside <see cref="ReadCore"/>.</summary>
    /// <returns>How many were copied.</returns>
    protected int CopyRecentValues(long fromMs, Span<double> into)
    {
        var copied = 0;
        var kept = RecentKept();
        for (var i = 0; i < kept && copied < into.Length; i++)
        {
            var slot = RecentSlot(i, kept);
            if (_recent[slot].TimestampMs >= fromMs)
            {
                into[copied++] = _recent[slot].Value;
            }
        }

        return copied;
    }

    private int RecentKept() => (int)Math.Min(_count, _recent.Length);

    private int RecentSlot(int i, int kept) => (int)((_count - kept + i) % _recent.Length);

    private Span<double> WindowScratch(out double[]? rented)
    {
        var length = WindowLength;
        rented = length == 0 ? null : ArrayPool<double>.Shared.Rent(length);
        return rented is null ? [] : rented.AsSpan(0, length);
    }

    /// <summary>
    /// The read side of the sequence lock, the one loop every reader goes through: runs <paramref name="read"/>
    /// while no write is in progress and keeps its result only if no write started meanwhile; otherwise spins and
    /// reads again (each attempt starts from scratch).
    /// </summary>
    private void ReadConsistent<TRead>(ref TRead read)
        where TRead : ISeriesRead, allows ref struct
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _version);
            if ((before & 1) == 0)
            {
                read.Read(this);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _version) == before)
                {
                    return;
                }
            }

            spinner.SpinOnce();
        }
    }

    private interface ISeriesRead
    {
        void Read(SeriesState state);
    }

    private ref struct AggregateRead(long nowMs, ref SeriesReading reading, Span<long> counts, Span<double> window) : ISeriesRead
    {
        private readonly ref SeriesReading _reading = ref reading;
        private readonly Span<long> _counts = counts;
        private readonly Span<double> _window = window;

        public readonly void Read(SeriesState state)
        {
            _reading = default;
            _reading.SampleCount = state._count;
            _reading.LastSampleMs = state._lastMs;
            _reading.WindowCount = state.ReadCore(nowMs, ref _reading, _counts, _window);
        }
    }

    private ref struct RecentCopy(long afterMs, long untilMs, Span<long> times, Span<double> values) : ISeriesRead
    {
        private readonly Span<long> _times = times;
        private readonly Span<double> _values = values;

        public int Count { get; private set; }

        // Newest first, so short buffers keep the newest values; CopyRecent puts them back in time order.
        public void Read(SeriesState state)
        {
            var room = Math.Min(_times.Length, _values.Length);
            var count = 0;
            var kept = state.RecentKept();
            for (var i = kept - 1; i >= 0 && count < room; i--)
            {
                var slot = state.RecentSlot(i, kept);
                var t = state._recent[slot].TimestampMs;
                if (t <= afterMs)
                {
                    break;
                }

                if (t <= untilMs)
                {
                    _times[count] = t;
                    _values[count] = state._recent[slot].Value;
                    count++;
                }
            }

            Count = count;
        }
    }

    private struct RecentRead(long fromMs, long toMs, List<MetricPoint> points) : ISeriesRead
    {
        public readonly List<MetricPoint> Points => points;

        public readonly void Read(SeriesState state)
        {
            points.Clear();
            var kept = state.RecentKept();
            for (var i = 0; i < kept; i++)
            {
                var slot = state.RecentSlot(i, kept);
                var t = state._recent[slot].TimestampMs;
                if (t >= fromMs && t <= toMs)
                {
                    points.Add(new MetricPoint(DateTimeOffset.FromUnixTimeMilliseconds(t), state._recent[slot].Value));
                }
            }
        }
    }

    /// <summary>One entry of the recent ring: a sample's time and the value kept for it, side by side so a write touches one line.</summary>
    private struct RecentPoint
    {
        public long TimestampMs;
        public double Value;
    }
}
