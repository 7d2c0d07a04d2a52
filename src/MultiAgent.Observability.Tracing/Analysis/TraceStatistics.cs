namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Rate, errors and p50/p95/p99 duration per agent and operation across traces, like Jaeger SPM's RED metrics. Memory is
/// bounded: one fixed log-bucket histogram (about 5 KB) per key and at most <see cref="TraceStatisticsOptions.MaxKeys"/> keys;
/// keys idle for <see cref="TraceStatisticsOptions.KeyIdleTimeout"/> are removed. Thread-safe.
/// </summary>
/// <remarks>
/// Percentiles are nearest-rank over the recorded durations and lie within <see cref="RelativeError"/> (1 %) of the exact
/// value for durations from 0.001 ms to 10^8 ms; below 0.001 ms the error is at most 0.001 ms. Unfinished spans are
/// skipped. Adding the same trace twice counts it twice.
/// </remarks>
public sealed class TraceStatistics
{
    /// <summary>The agent under which spans of keys beyond <see cref="TraceStatisticsOptions.MaxKeys"/> are counted: <c>(overflow)</c>.</summary>
    public const string OverflowAgent = "(overflow)";

    /// <summary>The bound on the relative error of the percentiles: 0.01.</summary>
    public const double RelativeError = LogHistogram.Alpha;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Agent, string Operation), Entry> _entries = [];
    private readonly int _maxKeys;
    private readonly long _idleTicks;
    private long _sweptAt = long.MinValue;
    private long _expiredKeys;
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MinValue;
    private long _traces;

    /// <summary>Initializes a new instance of the <see cref="TraceStatistics"/> class with the default options.</summary>
    public TraceStatistics()
        : this(new TraceStatisticsOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TraceStatistics"/> class.</summary>
    /// <param name="options">The limits.</param>
    public TraceStatistics(TraceStatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxKeys, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KeyIdleTimeout, TimeSpan.FromSeconds(1));
        _maxKeys = options.MaxKeys;
        _idleTicks = options.KeyIdleTimeout.Ticks;
    }

    /// <summary>Gets the number of keys removed because they were idle for <see cref="TraceStatisticsOptions.KeyIdleTimeout"/>.</summary>
    public long ExpiredKeys
    {
        get
        {
            lock (_lock)
            {
                return _expiredKeys;
            }
        }
    }

    /// <summary>Gets the number of traces added.</summary>
    public long TraceCount
    {
        get
        {
            lock (_lock)
            {
                return _traces;
            }
        }
    }

    /// <summary>Adds the finished spans of one analysed trace.</summary>
    /// <param name="analysis">The analysis.</param>
    public void Add(TraceAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var origin = analysis.StartTime.UtcTicks;
        lock (_lock)
        {
            _traces++;
            foreach (var span in analysis.Spans)
            {
                if (span.IsUnfinished)
                {
                    continue;
                }

                var end = origin + Ticks(span.EndMs);
                _windowStart = Math.Min(_windowStart, origin + Ticks(span.StartMs));
                _windowEnd = Math.Max(_windowEnd, end);
                var entry = GetEntry(span.Agent, span.Operation);
                entry.Histogram.Record(span.DurationMs);
                entry.Errors += span.IsError ? 1 : 0;
                entry.LastEnd = Math.Max(entry.LastEnd, end);
            }

            // A sweep is O(keys): done when trace time has moved on by an eighth of the timeout since the last one, so
            // a key outlives its timeout by at most that much.
            if (_sweptAt == long.MinValue || _windowEnd - _sweptAt >= _idleTicks / 8)
            {
                Sweep();
            }
        }
    }

    /// <summary>Gets a snapshot of the statistics, sorted by agent then operation (ordinal).</summary>
    /// <returns>One entry per (agent, operation) seen.</returns>
    public IReadOnlyList<OperationStatistics> GetOperations()
    {
        lock (_lock)
        {
            var seconds = _windowEnd > _windowStart ? (_windowEnd - _windowStart) / (double)TimeSpan.TicksPerSecond : 0;
            var list = new List<OperationStatistics>(_entries.Count);
            foreach (var ((agent, operation), entry) in _entries)
            {
                var histogram = entry.Histogram;
                list.Add(new OperationStatistics
                {
                    Agent = agent,
                    Operation = operation,
                    Count = histogram.Count,
                    Errors = entry.Errors,
                    RatePerSecond = seconds > 0 ? histogram.Count / seconds : 0,
                    P50Ms = histogram.Quantile(0.50),
                    P95Ms = histogram.Quantile(0.95),
                    P99Ms = histogram.Quantile(0.99),
                    MinMs = histogram.Count == 0 ? 0 : histogram.Min,
                    MaxMs = histogram.Count == 0 ? 0 : histogram.Max,
                });
            }

            list.Sort(static (x, y) =>
            {
                var c = string.CompareOrdinal(x.Agent, y.Agent);
                return c != 0 ? c : string.CompareOrdinal(x.Operation, y.Operation);
            });
            return list;
        }
    }

    private static long Ticks(double ms) => (long)Math.Round(ms * TimeSpan.TicksPerMillisecond);

    private Entry GetEntry(string agent, string operation)
    {
        if (_entries.TryGetValue((agent, operation), out var entry))
        {
            return entry;
        }

        if (_entries.Count >= _maxKeys && _sweptAt != _windowEnd)
        {
            Sweep();
        }

        if (_entries.Count >= _maxKeys)
        {
            agent = OverflowAgent;
            operation = TraceAnalysis.OtherOperation;
            if (_entries.TryGetValue((agent, operation), out entry))
            {
                return entry;
            }
        }

        entry = new Entry();
        _entries.Add((agent, operation), entry);
        return entry;
    }

    /// <summary>Removes the keys idle for the timeout, measured back from the latest span end seen.</summary>
    private void Sweep()
    {
        if (_windowEnd == long.MinValue)
        {
            // No finished span yet: nothing has a time to be idle from.
            return;
        }

        _sweptAt = _windowEnd;
        var cutoff = _windowEnd - _idleTicks;
        List<(string, string)>? idle = null;
        foreach (var (key, entry) in _entries)
        {
            if (entry.LastEnd < cutoff)
            {
                (idle ??= []).Add(key);
            }
        }

        if (idle is null)
        {
            return;
        }

        foreach (var key in idle)
        {
            _entries.Remove(key);
        }

        _expiredKeys += idle.Count;
    }

    private sealed class Entry
    {
        public LogHistogram Histogram { get; } = new();

        public long Errors { get; set; }

        /// <summary>Gets or sets the latest end of a span counted here, in UTC ticks.</summary>
        public long LastEnd { get; set; } = long.MinValue;
    }
}
