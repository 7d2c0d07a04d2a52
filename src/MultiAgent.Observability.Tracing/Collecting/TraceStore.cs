using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The bounded trace store. Two dictionaries (trace id to trace, span id as a number to slot) give O(1) lookups; an intrusive
/// doubly linked list of traces in arrival order gives O(1) oldest-first eviction and age expiry (only the head is ever
/// old). Spans live in a <see cref="SpanSlab"/> (structs, no object per span), so retaining many of them costs the
/// garbage collector almost nothing; readers get <see cref="SpanData"/> copies made on read. One lock: an add is a
/// handful of dictionary operations, far cheaper than contention-free structures would save.
/// </summary>
internal sealed class TraceStore : ITraceStore
{
    public const string ReasonTraceFull = "trace_full";
    public const string ReasonInvalid = "invalid";
    public const string ReasonCollectorError = "collector_error";
    public const string ReasonCapacity = "capacity";
    public const string ReasonAge = "age";

    private readonly Dictionary<ActivityTraceId, TraceEntry> _traces = [];
    private readonly Dictionary<ulong, int> _spans = [];
    private readonly SpanSlab _slab;
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly TracingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _maxTraces;
    private readonly int _maxSpansPerTrace;
    private readonly int _maxSpans;
    private readonly long _maxBytes;
    private readonly TimeSpan _maxAge;

    // Oldest trace first.
    private TraceEntry? _head;
    private TraceEntry? _tail;

    // The trace of the last span added: spans of one trace mostly arrive together, and comparing the ids of one trace
    // is a reference comparison, where a dictionary lookup hashes 32 characters.
    private TraceEntry? _lastEntry;

    private long _spansStored;
    private long _spansDroppedTraceFull;
    private long _spansDroppedInvalid;
    private long _tracesEvicted;
    private long _tracesExpired;
    private long _spansEvicted;
    private long _collectorErrors;
    private long _valuesTruncated;
    private long _attributesDropped;

    public TraceStore(IOptions<AgentTracingOptions> options, TimeProvider timeProvider, TracingMetrics metrics, ILogger<TraceStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(metrics);
        var value = options.Value;
        _maxTraces = value.MaxTraces;
        _maxSpansPerTrace = value.MaxSpansPerTrace;
        _maxSpans = Math.Max(value.MaxSpans, value.MaxSpansPerTrace);
        _slab = new SpanSlab(new SpanLimits(value));

        // One full trace always fits, as the options validator requires; the store never evicts the trace it adds to.
        _maxBytes = Math.Max(value.MaxStoreBytes, value.MaxSpansPerTrace * _slab.MaxSpanBytes);
        _maxAge = value.MaxTraceAge;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger ?? NullLogger<TraceStore>.Instance;
        metrics.AddSpansStoredSource(() => Interlocked.Read(ref _spansStored));
    }

    public int TraceCount
    {
        get
        {
            int count;
            Evictions evictions;
            lock (_lock)
            {
                evictions = ExpireAndCount();
                count = _traces.Count;
            }

            Publish(evictions);
            return count;
        }
    }

    /// <summary>Gets the estimated bytes of the spans held (see <see cref="AgentTracingOptions.MaxStoreBytes"/>).</summary>
    internal long EstimatedBytes
    {
        get
        {
            lock (_lock)
            {
                return _slab.Bytes;
            }
        }
    }

    public int SpanCount
    {
        get
        {
            int count;
            Evictions evictions;
            lock (_lock)
            {
                evictions = ExpireAndCount();
                count = _spans.Count;
            }

            Publish(evictions);
            return count;
        }
    }

    public bool Add(SpanData span)
    {
        ArgumentNullException.ThrowIfNull(span);
        return Add(span, null);
    }

    /// <summary>
    /// Stores a stopped activity without making a <see cref="SpanData"/> for it: the collector's path. Reading the
    /// activity may throw (the caller counts that as a collector error); the store is then unchanged.
    /// </summary>
    internal bool Add(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Add(null, activity);
    }

    private bool Add(SpanData? span, Activity? activity)
    {
        var traceId = span?.TraceId ?? activity!.TraceId;
        var spanId = span?.SpanId ?? activity!.SpanId;
        var spanKey = SpanSlab.Key(spanId);
        var now = _timeProvider.GetUtcNow();
        Evictions evictions;
        string? dropReason = null;
        var firstTruncation = false;
        ExceptionDispatchInfo? failure = null;
        SpanSlab.LimitCounts limited = default;
        lock (_lock)
        {
            evictions = Expire(now);

            // TryAdd first: one hash lookup on the common path; the rare refusals below undo it.
            if (traceId == default || spanId == default || !_spans.TryAdd(spanKey, SpanSlab.None))
            {
                _spansDroppedInvalid++;
                dropReason = ReasonInvalid;
            }
            else
            {
                var entry = _lastEntry;
                if ((entry is null || entry.TraceId != traceId) && !_traces.TryGetValue(traceId, out entry))
                {
                    if (_traces.Count >= _maxTraces && _head is not null)
                    {
                        evictions.AddCapacity(Evict(_head));
                    }

                    entry = new TraceEntry(traceId, now);
                    Append(entry);
                    _traces.Add(traceId, entry);
                }

                _lastEntry = entry;

                if (entry.Count >= _maxSpansPerTrace)
                {
                    _spans.Remove(spanKey);
                    firstTruncation = entry.Dropped++ == 0;
                    entry.LastDroppedSpanId = spanId;
                    _spansDroppedTraceFull++;
                    dropReason = ReasonTraceFull;
                }
                else if (TryFill(span, activity, entry.Key, ref limited, out var slot, out failure))
                {
                    _spans[spanKey] = slot;
                    if (entry.LastSpan == SpanSlab.None)
                    {
                        entry.FirstSpan = slot;
                    }
                    else
                    {
                        _slab[entry.LastSpan].Next = slot;
                    }

                    entry.LastSpan = slot;
                    entry.Count++;
                    entry.LastSeen = now;
                    _spansStored++;

                    // The total limits evict whole older traces, oldest first; the trace being added to is never evicted
                    // for itself, even when it is the oldest (it alone is within both limits, so another trace exists).
                    while (_spans.Count > _maxSpans || _slab.Bytes > _maxBytes)
                    {
                        var victim = _head != entry ? _head : entry.Next;
                        if (victim is null)
                        {
                            break;
                        }

                        evictions.AddCapacity(Evict(victim));
                    }
                }
                else
                {
                    // The activity could not be read: undo the id reservation (and a trace created for it) so the store
                    // holds nothing half-made; evictions already made are counted below, and the exception is rethrown
                    // after the lock for the collector to count the span as a collector error.
                    _spans.Remove(spanKey);
                    if (entry.Count == 0)
                    {
                        _traces.Remove(traceId);
                        Unlink(entry);
                        _lastEntry = null;
                    }
                }
            }

            _valuesTruncated += limited.Truncated;
            _attributesDropped += limited.Dropped;
            _tracesEvicted += evictions.CapacityTraces;
            _tracesExpired += evictions.ExpiredTraces;
            _spansEvicted += evictions.CapacitySpans + evictions.ExpiredSpans;
        }

        Publish(evictions);
        if (limited.Truncated != 0 || limited.Dropped != 0)
        {
            _metrics.AttributesLimited(limited.Truncated, limited.Dropped);
        }

        failure?.Throw();
        if (dropReason is null)
        {
            return true;
        }

        if (firstTruncation)
        {
            Log.TraceTruncated(_logger, traceId.ToHexString(), _maxSpansPerTrace);
        }

        _metrics.SpanDropped(dropReason);
        return false;
    }

    private bool TryFill(SpanData? span, Activity? activity, UInt128 traceKey, ref SpanSlab.LimitCounts limited, out int slot, out ExceptionDispatchInfo? failure)
    {
        failure = null;
        try
        {
            slot = span is not null ? _slab.Add(span, ref limited) : _slab.Add(activity!, traceKey, ref limited);
            return true;
        }
        catch (Exception ex)
        {
            slot = SpanSlab.None;
            failure = ExceptionDispatchInfo.Capture(ex);
            return false;
        }
    }

    /// <summary>
    /// Gets a value indicating whether the last span the store dropped from a full trace was this one, so a caller that
    /// may offer a span the collector already offered (<see cref="DistributedTracing"/>) does not count the drop twice.
    /// </summary>
    internal bool WasDroppedAsTraceFull(ActivityTraceId traceId, ActivitySpanId spanId)
    {
        lock (_lock)
        {
            return _traces.TryGetValue(traceId, out var entry) && entry.Dropped != 0 && entry.LastDroppedSpanId == spanId;
        }
    }

    public bool TryGetTrace(ActivityTraceId traceId, [NotNullWhen(true)] out StoredTrace? trace)
    {
        trace = null;
        Evictions evictions;
        lock (_lock)
        {
            evictions = ExpireAndCount();
            if (_traces.TryGetValue(traceId, out var entry))
            {
                var spans = new SpanData[entry.Count];
                var i = 0;
                for (var slot = entry.FirstSpan; slot != SpanSlab.None && i < spans.Length; slot = _slab[slot].Next)
                {
                    spans[i++] = _slab.ToSpanData(slot);
                }

                trace = new StoredTrace(entry.TraceId, spans, entry.Dropped, entry.FirstSeen, entry.LastSeen);
            }
        }

        Publish(evictions);
        return trace is not null;
    }

    public bool TryGetSpan(ActivitySpanId spanId, [NotNullWhen(true)] out SpanData? span)
    {
        Evictions evictions;
        span = null;
        lock (_lock)
        {
            evictions = ExpireAndCount();
            if (spanId != default && _spans.TryGetValue(SpanSlab.Key(spanId), out var slot))
            {
                span = _slab.ToSpanData(slot);
            }
        }

        Publish(evictions);
        return span is not null;
    }

    public IReadOnlyList<ActivityTraceId> GetTraceIds()
    {
        ActivityTraceId[] ids;
        Evictions evictions;
        lock (_lock)
        {
            evictions = ExpireAndCount();
            ids = new ActivityTraceId[_traces.Count];
            var i = 0;
            for (var entry = _head; entry is not null; entry = entry.Next)
            {
                ids[i++] = entry.TraceId;
            }
        }

        Publish(evictions);
        return ids;
    }

    public TraceStoreCounters GetCounters()
    {
        TraceStoreCounters counters;
        Evictions evictions;
        lock (_lock)
        {
            evictions = ExpireAndCount();
            counters = new TraceStoreCounters(
                _spansStored,
                _spansDroppedTraceFull,
                _spansDroppedInvalid,
                _tracesEvicted,
                _tracesExpired,
                _spansEvicted,
                Interlocked.Read(ref _collectorErrors),
                _valuesTruncated,
                _attributesDropped);
        }

        Publish(evictions);
        return counters;
    }

    /// <summary>Counts a span the collector could not read; called from the listener's catch block, so it must not throw.</summary>
    internal void RecordCollectorError()
    {
        Interlocked.Increment(ref _collectorErrors);
        _metrics.SpanDropped(ReasonCollectorError);
    }

    /// <summary>Expires old traces and counts them; the caller holds the lock and publishes after releasing it.</summary>
    private Evictions ExpireAndCount()
    {
        var evictions = Expire(_timeProvider.GetUtcNow());
        _tracesExpired += evictions.ExpiredTraces;
        _spansEvicted += evictions.ExpiredSpans;
        return evictions;
    }

    private Evictions Expire(DateTimeOffset now)
    {
        Evictions evictions = default;
        var cutoff = now - _maxAge;
        while (_head is not null && _head.FirstSeen <= cutoff)
        {
            var spans = Evict(_head);
            evictions.ExpiredTraces++;
            evictions.ExpiredSpans += spans;
        }

        return evictions;
    }

    /// <summary>Removes a trace and its spans from both dictionaries and the list; returns the number of spans removed.</summary>
    private int Evict(TraceEntry entry)
    {
        var slot = entry.FirstSpan;
        while (slot != SpanSlab.None)
        {
            var next = _slab[slot].Next;
            _spans.Remove(_slab[slot].SpanId);
            _slab.Free(slot);
            slot = next;
        }

        _traces.Remove(entry.TraceId);
        Unlink(entry);
        if (entry == _lastEntry)
        {
            _lastEntry = null;
        }

        return entry.Count;
    }

    private void Append(TraceEntry entry)
    {
        entry.Previous = _tail;
        if (_tail is null)
        {
            _head = entry;
        }
        else
        {
            _tail.Next = entry;
        }

        _tail = entry;
    }

    private void Unlink(TraceEntry entry)
    {
        if (entry.Previous is null)
        {
            _head = entry.Next;
        }
        else
        {
            entry.Previous.Next = entry.Next;
        }

        if (entry.Next is null)
        {
            _tail = entry.Previous;
        }
        else
        {
            entry.Next.Previous = entry.Previous;
        }

        entry.Previous = null;
        entry.Next = null;
    }

    private void Publish(Evictions evictions)
    {
        if (evictions.CapacityTraces != 0)
        {
            _metrics.TracesEvicted(evictions.CapacityTraces, evictions.CapacitySpans, ReasonCapacity);
            Log.TracesEvicted(_logger, evictions.CapacityTraces, evictions.CapacitySpans, ReasonCapacity);
        }

        if (evictions.ExpiredTraces != 0)
        {
            _metrics.TracesEvicted(evictions.ExpiredTraces, evictions.ExpiredSpans, ReasonAge);
            Log.TracesEvicted(_logger, evictions.ExpiredTraces, evictions.ExpiredSpans, ReasonAge);
        }
    }

    private struct Evictions
    {
        public int CapacityTraces;
        public int CapacitySpans;
        public int ExpiredTraces;
        public int ExpiredSpans;

        public void AddCapacity(int spans)
        {
            CapacityTraces++;
            CapacitySpans += spans;
        }
    }

    private sealed class TraceEntry(ActivityTraceId traceId, DateTimeOffset firstSeen)
    {
        public ActivityTraceId TraceId { get; } = traceId;

        public UInt128 Key { get; } = SpanSlab.TraceKey(traceId);

        /// <summary>Gets or sets the slot of the first span; the slots link on through <see cref="SpanSlab.SpanSlot.Next"/>.</summary>
        public int FirstSpan { get; set; } = SpanSlab.None;

        public int LastSpan { get; set; } = SpanSlab.None;

        public int Count { get; set; }

        public ActivitySpanId LastDroppedSpanId { get; set; }

        public DateTimeOffset FirstSeen { get; } = firstSeen;

        public DateTimeOffset LastSeen { get; set; } = firstSeen;

        public int Dropped { get; set; }

        public TraceEntry? Previous { get; set; }

        public TraceEntry? Next { get; set; }
    }
}
